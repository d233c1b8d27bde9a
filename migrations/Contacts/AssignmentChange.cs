namespace Portal.Database.Contacts;

/// <summary>One change of a contact's assigned user: who made it, when, from whom, to whom.</summary>
public class AssignmentChange
{
    public long Id { get; set; }

    public long ContactId { get; set; }

    public string? FromUserId { get; set; }

    public string? ToUserId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The email of the person (or "import") that made the change.</summary>
    public string ChangedBy { get; set; } = "";
}
