namespace Portal.Database.Identity;

/// <summary>The three roles of the portal and what each may do.</summary>
public static class PortalRoles
{
    /// <summary>Changes configuration: numbers, users' inbound numbers, the default outbound number.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads everything, runs lookups and the simulator, changes nothing.</summary>
    public const string Support = "Support";

    /// <summary>A CRM user who sees their own contacts.</summary>
    public const string Agent = "Agent";

    public const string AdminOrSupport = Admin + "," + Support;

    public static IReadOnlyList<string> All { get; } = [Admin, Support, Agent];

    /// <summary>Finds the role spelled in any letter case, or null when there is none by that name.</summary>
    public static string? Find(string name) =>
        All.FirstOrDefault(role => string.Equals(role, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
