using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Database.Identity;
using Portal.Features.Impact;
using Portal.Features.Live;

namespace Portal.Features.Numbers;

public sealed partial class NumbersPage
{
    // One scoped DbContext serves the whole circuit: page loads, saves and reloads after another admin's change
    // take turns instead of overlapping on it.
    private readonly SemaphoreSlim _turn = new(1, 1);

    private IReadOnlyList<NumberRow> _rows = [];
    private DefaultOutboundState? _default;
    private bool _mayChange;
    private bool _busy;
    private bool _stale;
    private string? _error;
    private long? _chosenDefault;
    private ImpactReport? _defaultPreview;
    private NumberRow? _releasing;
    private ImpactReport? _releasePreview;
    private SyncProgress? _progress;
    private SyncResult? _syncResult;
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private NumberUsage Usages { get; set; } = default!;

    [Inject]
    private NumberSync Sync { get; set; } = default!;

    [Inject]
    private DefaultOutbound Default { get; set; } = default!;

    [Inject]
    private NumberRelease Release { get; set; } = default!;

    [Inject]
    private ImpactPreview Impact { get; set; } = default!;

    [Inject]
    private InputChanges Changes { get; set; } = default!;

    /// <summary>The numbers the default may be set to: only active ones.</summary>
    internal IEnumerable<NumberRow> DefaultChoices => _rows.Where(r => !r.IsReleased);

    private NumberRow? ChosenRow => _rows.FirstOrDefault(r => r.Id == _chosenDefault);

    private string? ChosenWarning =>
        ChosenRow is { } chosen ? NumberText.DefaultWarning(chosen.E164, chosen.Capabilities) : null;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _mayChange = user.IsInRole(PortalRoles.Admin);
        _subscription = Changes.Subscribe(OnInputChangedAsync);
        await InTurnAsync(LoadAsync);
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task LoadAsync()
    {
        _rows = await Usages.ListAsync();
        _default = await Default.ReadAsync();
    }

    private Task OnInputChangedAsync(InputChange change)
    {
        if (change.Kind is InputChangeKind.NumberStatus or InputChangeKind.DefaultOutbound
            or InputChangeKind.InboundNumber or InputChangeKind.Users or InputChangeKind.Send)
        {
            return InvokeAsync(async () =>
            {
                if (_busy)
                {
                    // This page's own action (perhaps the very change published) reloads when it ends.
                    _stale = true;
                    return;
                }

                await InTurnAsync(LoadAsync);
                StateHasChanged();
            });
        }

        return Task.CompletedTask;
    }

    private void ChooseDefault(long? numberId)
    {
        _chosenDefault = numberId;
        _defaultPreview = null;
    }

    private async Task PreviewDefaultAsync()
    {
        if (_chosenDefault is not { } numberId)
        {
            return;
        }

        await InTurnAsync(async () =>
            _defaultPreview = await Impact.PreviewAsync(new ConfigChange.SetDefault(numberId)));
    }

    private async Task SaveDefaultAsync()
    {
        if (_chosenDefault is not { } numberId || _default is null)
        {
            return;
        }

        var user = (await AuthenticationState).User;
        await InTurnAsync(async () =>
        {
            var result = await Default.SetAsync(user, numberId, _default.Version);
            _error = result.Saved ? null : result.Message;
            if (result.Saved)
            {
                _defaultPreview = null;
                _chosenDefault = null;
            }

            await LoadAsync();
        });
    }

    private async Task SyncAsync()
    {
        var user = (await AuthenticationState).User;
        _syncResult = null;
        _progress = new SyncProgress(0, 0);
        await InTurnAsync(async () =>
        {
            _syncResult = await Sync.SyncAsync(user, ShowProgress);
            _progress = null;
            await LoadAsync();
        });
    }

    private void ShowProgress(SyncProgress progress) =>
        _ = InvokeAsync(() =>
        {
            _progress = progress;
            StateHasChanged();
        });

    private async Task PreviewReleaseAsync(NumberRow row)
    {
        _releasing = row;
        _releasePreview = null;
        await InTurnAsync(async () =>
            _releasePreview = await Impact.PreviewAsync(new ConfigChange.ReleaseNumber(row.Id)));
    }

    private async Task ConfirmReleaseAsync()
    {
        if (_releasing is not { } row)
        {
            return;
        }

        var user = (await AuthenticationState).User;
        await InTurnAsync(async () =>
        {
            var result = await Release.MarkReleasedAsync(user, row.Id, row.Version);
            _error = result.Saved ? null : result.Message;
            CancelRelease();
            await LoadAsync();
        });
    }

    private void CancelRelease()
    {
        _releasing = null;
        _releasePreview = null;
    }

    private static string Usage(NumberRow row)
    {
        var uses = new List<string>();
        if (row.InboundOf is { } holder)
        {
            uses.Add($"{holder}'s inbound number");
        }

        if (row.IsDefault)
        {
            uses.Add("the default");
        }

        if (row.PreviousFor > 0)
        {
            uses.Add(row.PreviousFor == 1
                ? "previous number of 1 contact"
                : $"previous number of {row.PreviousFor} contacts");
        }

        return uses.Count == 0 ? "not used" : string.Join("; ", uses);
    }

    private async Task InTurnAsync(Func<Task> work)
    {
        await _turn.WaitAsync();
        _busy = true;
        try
        {
            await work();
            if (_stale)
            {
                _stale = false;
                await LoadAsync();
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or KeyNotFoundException)
        {
            _error = "Loading the numbers failed: " + exception.Message + " Reload the page.";
        }
        finally
        {
            _busy = false;
            _turn.Release();
        }
    }
}
