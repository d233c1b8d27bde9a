using Microsoft.AspNetCore.Identity;
using Portal.Database.Numbers;

namespace Portal.Database.Identity;

/// <summary>A person who logs in to the portal: an admin, a support agent or a CRM user.</summary>
public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated user cannot log in and holds no inbound number and no contacts.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The number calls and texts to this user's contacts go out from; unique across users.</summary>
    public long? InboundNumberId { get; set; }

    public TwilioNumber? InboundNumber { get; set; }

    /// <summary>When an admin last changed this user's configuration (inbound number, role, activity).</summary>
    public DateTimeOffset? ConfigUpdatedAt { get; set; }

    /// <summary>The email of that admin.</summary>
    public string? ConfigUpdatedBy { get; set; }

    /// <summary>PostgreSQL's row version (xmin): a save based on an older read is refused.</summary>
    public uint Version { get; set; }
}
