using Portal.Domain.Rules;

namespace Portal.Database.Numbers;

/// <summary>
/// One of the account's Twilio numbers. Identified by its E.164 string; a number the account gives up is marked
/// released, never deleted, because history and configuration still point at it.
/// </summary>
public class TwilioNumber
{
    public long Id { get; set; }

    /// <summary>The number in E.164 form, as Twilio spells it: the number's identity.</summary>
    public string E164 { get; set; } = "";

    /// <summary>Twilio's IncomingPhoneNumber SID (PN…); null for numbers known only from history.</summary>
    public string? Sid { get; set; }

    public string? FriendlyName { get; set; }

    public Capabilities Capabilities { get; set; }

    public bool IsReleased { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SyncedAt { get; set; }

    /// <summary>PostgreSQL's row version (xmin): a save based on an older read is refused.</summary>
    public uint Version { get; set; }

    public NumberFacts ToFacts() => new(E164, IsReleased, Capabilities);
}
