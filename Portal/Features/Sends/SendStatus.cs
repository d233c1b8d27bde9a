using Portal.Database.Contacts;

namespace Portal.Features.Sends;

/// <summary>
/// The statuses Twilio reports for messages and calls, ranked so that a report can only move a send forward: a
/// repeated or late report (sent after delivered) changes nothing.
/// </summary>
public static class SendStatus
{
    /// <summary>Twilio may or may not have accepted the send (a 5xx or a timeout); it does not count.</summary>
    public const string Unknown = "unknown";

    private const int Final = 5;

    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        [Unknown] = 0,
        ["accepted"] = 1,
        ["scheduled"] = 1,
        ["queued"] = 1,
        ["sending"] = 2,
        ["initiated"] = 2,
        ["sent"] = 3,
        ["ringing"] = 3,
        ["in-progress"] = 4,

        // Final: once there, later reports are late ones. failed and canceled included: Twilio gives up on a message
        // or call for good, so a send that stopped counting never starts again.
        ["delivered"] = Final,
        ["undelivered"] = Final,
        ["failed"] = Final,
        ["canceled"] = Final,
        ["partially_delivered"] = Final,
        ["completed"] = Final,
        ["busy"] = Final,
        ["no-answer"] = Final,

        // The one step after a final status: a delivered message that the recipient then read.
        ["read"] = Final + 1,
    };

    public static bool IsKnown(string status) => Ranks.ContainsKey(status);

    public static bool Counts(string status) => !Send.NotCountingStatuses.Contains(status);

    /// <summary>Whether a send in status <paramref name="current"/> moves to <paramref name="reported"/>.</summary>
    public static bool Advances(string current, string reported)
    {
        if (!Ranks.TryGetValue(reported, out var next) || reported == Unknown)
        {
            return false;
        }

        var now = Ranks.GetValueOrDefault(current);
        if (now >= Final)
        {
            return current == "delivered" && reported == "read";
        }

        return next > now;
    }

    /// <summary>How the page shows a status: an unknown send asks the admin to look in Twilio.</summary>
    public static string Describe(string status) => status == Unknown ? "unknown: check Twilio" : status;
}
