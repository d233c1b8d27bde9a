using Portal.Database.Identity;
using Portal.Database.Numbers;

namespace Portal.Database.Contacts;

/// <summary>A CRM contact the account texts and calls.</summary>
public class Contact
{
    public long Id { get; set; }

    /// <summary>The CRM's own id (e.g. ct_10000), unique; importing the same file again matches on it.</summary>
    public string ExternalId { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>The phone normalised to E.164, or null when the contact has none.</summary>
    public string? Phone { get; set; }

    public string? Company { get; set; }

    public string? Tags { get; set; }

    public string? AssignedUserId { get; set; }

    public PortalUser? AssignedUser { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>
    /// The From number of the contact's latest counting send: an input of the rules, kept up to date with each send
    /// and each status change. The effective number itself is never stored.
    /// </summary>
    public long? PreviousNumberId { get; set; }

    public TwilioNumber? PreviousNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public uint Version { get; set; }
}
