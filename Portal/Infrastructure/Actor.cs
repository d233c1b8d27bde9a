using System.Security.Claims;

namespace Portal.Infrastructure;

/// <summary>Who makes a change: a logged-in person, an API key, or the system itself (a sync, an import).</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static Actor System(string what) => new(null, what);

    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "(unknown)");
}
