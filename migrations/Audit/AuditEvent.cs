namespace Portal.Database.Audit;

/// <summary>
/// One configuration change: who, when, what, before and after. Written in the same transaction as the change;
/// the database refuses to update or delete these rows.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string? ActorId { get; set; }

    /// <summary>The email of the admin, or a system actor such as "twilio-sync".</summary>
    public string Actor { get; set; } = "";

    /// <summary>What happened, e.g. inbound-number.set, default-outbound.set, number.released.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it happened to, in words: a user's email, a number, "account".</summary>
    public string Subject { get; set; } = "";

    /// <summary>The E.164 numbers the change touched, for filtering by number.</summary>
    public string[] Numbers { get; set; } = [];

    public string? Before { get; set; }

    public string? After { get; set; }
}
