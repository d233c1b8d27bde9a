using Microsoft.AspNetCore.Identity;

namespace Portal.Database.Identity;

/// <summary>A person who logs in to the portal: an admin, a support agent or a CRM user.</summary>
public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated user cannot log in and holds no inbound number and no contacts.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
