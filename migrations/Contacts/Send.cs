using Portal.Database.Numbers;

namespace Portal.Database.Contacts;

/// <summary>
/// One message or call to a contact, with the rule and trace that chose its From number at the time. A send counts
/// (can be the previous number) unless its status is failed, canceled or unknown.
/// </summary>
public class Send
{
    public static readonly string[] NotCountingStatuses = ["failed", "canceled", "unknown"];

    public long Id { get; set; }

    public long ContactId { get; set; }

    public Contact? Contact { get; set; }

    public long FromNumberId { get; set; }

    public TwilioNumber? FromNumber { get; set; }

    /// <summary>The number sent to, in E.164 when it could be read, otherwise as recorded.</summary>
    public string? To { get; set; }

    /// <summary>sms, mms or voice.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Twilio's SID (SM…, MM…, CA…); unique when present.</summary>
    public string? Sid { get; set; }

    public string Status { get; set; } = "";

    /// <summary>Computed by PostgreSQL from the status.</summary>
    public bool Counts { get; private set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The rule that chose the From number when the send was made; null for imported history.</summary>
    public string? Rule { get; set; }

    /// <summary>The trace of that resolution as JSON; null for imported history.</summary>
    public string? Trace { get; set; }

    /// <summary>Where the record came from: portal, api or import.</summary>
    public string Source { get; set; } = "";
}
