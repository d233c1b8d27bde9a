using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Rules;
using Portal.Features.Live;

namespace Portal.Features.Contacts;

/// <summary>
/// The contacts grid: one query a page, effective numbers resolved by the engine, re-loaded whenever an input of
/// the rules changes for a contact on the page (or for possibly many contacts).
/// </summary>
public sealed partial class Contacts : IDisposable
{
    private MudDataGrid<ContactListRow>? _grid;
    private ContactViewer _viewer = new(null, false, false);
    private IDisposable? _subscription;
    private HashSet<long> _shown = [];
    private HashSet<ContactListRow> _selected = [];
    private string _pagerFormat = "{first_item}-{last_item} of {all_items}";

    private string? _search;
    private UserChoice? _owner;
    private bool _unassignedOnly;
    private RuleId? _rule;
    private NumberChoice? _number;
    private UserChoice? _assignTo;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    private InputChanges Changes { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        _viewer = ContactViewer.Of((await AuthenticationState).User);
        _subscription = Changes.Subscribe(OnInputChangedAsync);
    }

    private Task OnInputChangedAsync(InputChange change)
    {
        var affectsPage = change.Contacts.Count == 0 || change.Kind == InputChangeKind.Assignment
                          || change.Contacts.Any(_shown.Contains);
        return affectsPage && _grid is not null ? InvokeAsync(_grid.ReloadServerData) : Task.CompletedTask;
    }

    // Each load gets its own scope, and so its own DbContext: a live reload may start while a page is loading.
    private async Task<GridData<ContactListRow>> LoadAsync(GridState<ContactListRow> state, CancellationToken token)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var request = new ContactPageRequest(
            new ContactFilter(_search, _owner?.Id, _unassignedOnly, _rule, _number?.Id),
            SortOf(sort?.SortBy), sort?.Descending ?? false, state.Page, state.PageSize);

        await using var scope = Scopes.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ContactDirectory>()
            .PageAsync(request, _viewer, token);

        _shown = page.Rows.Select(r => r.Id).ToHashSet();
        _pagerFormat = page switch
        {
            { TotalIsLowerBound: true } =>
                $"{{first_item}}-{{last_item}} of more than {ContactDirectory.ExactCountLimit:N0}",
            { TotalIsEstimate: true } => "{first_item}-{last_item} of about {all_items} (estimated)",
            _ => "{first_item}-{last_item} of {all_items}",
        };
        return new GridData<ContactListRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private static ContactSort SortOf(string? column) => column switch
    {
        nameof(ContactListRow.Phone) => ContactSort.Phone,
        nameof(ContactListRow.AssignedUser) => ContactSort.AssignedUser,
        nameof(ContactListRow.CreatedAt) => ContactSort.Created,
        nameof(ContactListRow.SmsFrom) => ContactSort.EffectiveNumber,
        nameof(ContactListRow.SmsRule) => ContactSort.Rule,
        _ => ContactSort.Name,
    };

    private async Task<IEnumerable<UserChoice>> SearchUsersAsync(string text, CancellationToken token)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContactDirectory>().UsersAsync(text, token);
    }

    private async Task<IEnumerable<NumberChoice>> SearchNumbersAsync(string text, CancellationToken token)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContactDirectory>().NumbersAsync(text, token);
    }

    private Task SearchChangedAsync(string? text)
    {
        _search = text;
        return ReloadAsync();
    }

    private Task OwnerChangedAsync(UserChoice? owner)
    {
        _owner = owner;
        return ReloadAsync();
    }

    private Task UnassignedChangedAsync(bool unassignedOnly)
    {
        _unassignedOnly = unassignedOnly;
        return ReloadAsync();
    }

    private Task RuleChangedAsync(RuleId? rule)
    {
        _rule = rule;
        return ReloadAsync();
    }

    private Task NumberChangedAsync(NumberChoice? number)
    {
        _number = number;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private void SelectionChanged(HashSet<ContactListRow> selected) => _selected = selected;

    private Task AssignAsync() => ChangeAssignmentAsync(_assignTo);

    private Task UnassignAsync() => ChangeAssignmentAsync(null);

    private async Task ChangeAssignmentAsync(UserChoice? user)
    {
        var ids = _selected.Select(c => c.Id).ToList();
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            var moved = await scope.ServiceProvider.GetRequiredService<ContactAssignments>()
                .AssignAsync(ids, user?.Id, (await AuthenticationState).User);
            Snackbar.Add(user is null ? $"{moved} contacts unassigned." : $"{moved} contacts assigned to {user.Name}.",
                Severity.Success);
            _selected = [];
        }
        catch (AssignmentRefusedException refused)
        {
            Snackbar.Add(refused.Message, Severity.Error);
        }

        await ReloadAsync();
    }

    private static string RuleText(RuleId rule) => rule switch
    {
        RuleId.AssignedUserInbound => "Assigned user's inbound number",
        RuleId.PreviousNumber => "Previous number",
        RuleId.AssignedUserDefault => "Default (assigned user has none)",
        RuleId.UnassignedDefault => "Default (unassigned)",
        _ => "No number",
    };

    private static Color RuleColor(RuleId rule) => rule switch
    {
        RuleId.AssignedUserInbound => Color.Primary,
        RuleId.PreviousNumber => Color.Info,
        RuleId.AssignedUserDefault => Color.Secondary,
        RuleId.UnassignedDefault => Color.Default,
        _ => Color.Error,
    };
}
