using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Live;

namespace Portal.Features.Home;

/// <summary>The dashboard: counts, where contacts' texts go out from, what an admin must act on; kept live.</summary>
public sealed partial class Home : IDisposable
{
    private const int ChartedNumbers = 12;

    private List<(string Role, int Count)> _activeUsersByRole = [];
    private Dashboard? _figures;
    private List<ChartSeries<double>> _perNumberSeries = [];
    private string[] _perNumberLabels = [];
    private List<ChartSeries<double>> _perRuleSeries = [];
    private string[] _perRuleLabels = [];
    private IDisposable? _subscription;
    private int _reloading;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    private InputChanges Changes { get; set; } = default!;

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var counts = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                join user in db.Users on userRole.UserId equals user.Id
                where user.IsActive
                group userRole by role.Name into byRole
                select new { Role = byRole.Key!, Count = byRole.Count() })
            .ToDictionaryAsync(r => r.Role, r => r.Count);
        _activeUsersByRole = PortalRoles.All.Select(role => (role, counts.GetValueOrDefault(role))).ToList();

        await ReadFiguresAsync();
        _subscription = Changes.Subscribe(_ => InvokeAsync(ReloadAsync));
    }

    // Changes can come in bursts (an import, a sync); one reload at a time is enough, the next one sees them all.
    private async Task ReloadAsync()
    {
        if (Interlocked.Exchange(ref _reloading, 1) == 1)
        {
            return;
        }

        try
        {
            await ReadFiguresAsync();
            StateHasChanged();
        }
        finally
        {
            Interlocked.Exchange(ref _reloading, 0);
        }
    }

    private async Task ReadFiguresAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var figures = await scope.ServiceProvider.GetRequiredService<DashboardFigures>().ReadAsync();

        var charted = figures.PerNumber.Take(ChartedNumbers).ToList();
        _perNumberLabels = charted.Select(s => s.E164 ?? "none").ToArray();
        _perNumberSeries =
        [
            new ChartSeries<double>
            {
                Name = "Contacts", Data = new ChartData<double>(charted.Select(s => (double)s.Contacts).ToList()),
            },
        ];
        _perRuleLabels = figures.PerRule.Keys.Select(WireCodes.Of).ToArray();
        _perRuleSeries =
        [
            new ChartSeries<double>
            {
                Name = "Contacts", Data = new ChartData<double>(figures.PerRule.Values.Select(v => (double)v).ToList()),
            },
        ];
        _figures = figures;
    }
}
