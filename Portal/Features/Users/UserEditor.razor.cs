using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Features.Impact;

namespace Portal.Features.Users;

/// <summary>
/// Edits one user. The row version is the one the list showed when the editor opened, so a save after another
/// admin's change is refused with who made that change.
/// </summary>
public sealed partial class UserEditor
{
    // MudSelect needs a non-null value for the "nobody" entry.
    private const string Unassigned = "";

    private IReadOnlyList<InboundNumberChoice> _choices = [];
    private string _role = "";
    private InboundNumberChoice? _number;
    private string _heirId = Unassigned;
    private ImpactReport? _numberImpact;
    private ImpactReport? _deactivationImpact;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject]
    private UserAccounts Accounts { get; set; } = null!;

    [Parameter, EditorRequired]
    public UserRow User { get; set; } = null!;

    [Parameter, EditorRequired]
    public IReadOnlyList<UserRow> Users { get; set; } = [];

    [Parameter]
    public EventCallback OnDone { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private bool NumberChanged => _number?.Id != User.InboundNumber?.Id;

    private string? HeirId => _heirId == Unassigned ? null : _heirId;

    protected override async Task OnInitializedAsync()
    {
        _role = User.Role;
        _choices = await Accounts.InboundChoicesAsync(User.Id);
        _number = _choices.FirstOrDefault(c => c.Id == User.InboundNumber?.Id);
    }

    /// <summary>What the picker offers: the allowed numbers whose digits contain the digits typed.</summary>
    internal Task<IEnumerable<InboundNumberChoice>> SearchNumbersAsync(string? typed, CancellationToken _)
    {
        var digits = new string((typed ?? "").Where(char.IsAsciiDigit).ToArray());
        var found = _choices.Where(c => digits.Length == 0 || c.E164.Contains(digits, StringComparison.Ordinal)
                                                            || c.ToString() == typed);
        return Task.FromResult(found);
    }

    private Task SaveRoleAsync() =>
        RunAsync(async user =>
        {
            await Accounts.ChangeRoleAsync(user, User.Id, User.Version, _role);
            await OnDone.InvokeAsync();
        });

    private Task PreviewNumberAsync() =>
        RunAsync(async _ => _numberImpact = await Accounts.PreviewAsync(
            new ConfigChange.SetInbound(User.Id, _number?.Id)));

    private Task SaveNumberAsync() =>
        RunAsync(async user =>
        {
            await Accounts.SetInboundNumberAsync(user, User.Id, User.Version, _number?.Id);
            await OnDone.InvokeAsync();
        });

    private Task PreviewDeactivationAsync() =>
        RunAsync(async _ => _deactivationImpact = await Accounts.PreviewAsync(
            new ConfigChange.DeactivateUser(User.Id, HeirId)));

    private Task DeactivateAsync() =>
        RunAsync(async user =>
        {
            await Accounts.DeactivateAsync(user, User.Id, User.Version, HeirId);
            await OnDone.InvokeAsync();
        });

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action((await AuthenticationState).User);
        }
        catch (ChangeRefused refused)
        {
            _error = refused.Message;
            _numberImpact = null;
            _deactivationImpact = null;
        }
        finally
        {
            _busy = false;
        }
    }
}
