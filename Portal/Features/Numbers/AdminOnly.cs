using System.Security.Claims;
using Portal.Database.Identity;

namespace Portal.Features.Numbers;

/// <summary>
/// The server-side check behind every change on the numbers page: hiding a button is not enough, so each service
/// method that changes configuration asks this first.
/// </summary>
public static class AdminOnly
{
    /// <summary>Null when the user may make the change, otherwise the refusal to show.</summary>
    public static string? Refusal(ClaimsPrincipal user, string change) =>
        user.IsInRole(PortalRoles.Admin)
            ? null
            : $"Only an admin may {change}. You are signed in as {user.Identity?.Name ?? "a visitor"} without the "
              + "Admin role; ask an admin to do it.";
}
