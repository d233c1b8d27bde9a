using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// The pages in the navigation drawer. Who sees an entry is read from the page's own [Authorize] attributes, so the
/// menu and the server-side check cannot disagree.
/// </summary>
public static class PortalPages
{
    public sealed record Entry(string Title, string Href, string Icon, Type Page);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("Dashboard", "", Icons.Material.Outlined.Dashboard, typeof(Features.Home.Home)),
        new("Numbers", "numbers", Icons.Material.Outlined.Dialpad, typeof(Features.Numbers.NumbersPage)),
        new("Contacts", "contacts", Icons.Material.Outlined.Contacts, typeof(Features.Contacts.Contacts)),
        new("Users", "users", Icons.Material.Outlined.People, typeof(Features.Users.Users)),
        new("Audit", "audit", Icons.Material.Outlined.History, typeof(Features.Audit.AuditHistory)),
        new("Why this number?", "why", Icons.Material.Outlined.HelpOutline, typeof(Features.Why.WhyPage)),
        new("Simulator", "simulator", Icons.Material.Outlined.Science, typeof(Features.Simulator.SimulatorPage)),
        new("API keys", "settings/api-keys", Icons.Material.Outlined.Key, typeof(Features.Api.ApiKeysPage)),
    ];
}
