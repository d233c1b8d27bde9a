using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Database.Identity;
using Portal.Features.Live;

namespace Portal.Features.Users;

public sealed partial class Users
{
    private static readonly InputChangeKind[] Relevant =
    [
        InputChangeKind.Users, InputChangeKind.InboundNumber, InputChangeKind.Assignment, InputChangeKind.NumberStatus,
    ];

    private IReadOnlyList<UserRow> _users = [];
    private bool _loading = true;
    private bool _isAdmin;
    private bool _creating;
    private CreatedUser? _created;
    private UserRow? _editing;
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject]
    private UserAccounts Accounts { get; set; } = null!;

    [Inject]
    private InputChanges Changes { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await AuthenticationState).User.IsInRole(PortalRoles.Admin);
        _subscription = Changes.Subscribe(OnInputChangedAsync);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _users = await Accounts.ListAsync();
        _loading = false;
    }

    private void Edit(UserRow user)
    {
        _creating = false;
        _editing = user;
    }

    private async Task CreatedAsync(CreatedUser created)
    {
        _creating = false;
        _created = created;
        await ReloadAsync();
    }

    private async Task EditedAsync()
    {
        _editing = null;
        await ReloadAsync();
    }

    // Another admin's change reloads the list; an open editor keeps the version it started from, so its save is
    // refused with who changed the user rather than silently overwriting.
    private Task OnInputChangedAsync(InputChange change) =>
        Relevant.Contains(change.Kind)
            ? InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();
}
