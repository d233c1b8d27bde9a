using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;

namespace Portal.Infrastructure;

/// <summary>Makes sure the three roles exist; every command that creates users calls it first.</summary>
public static class PortalRoleSetup
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
