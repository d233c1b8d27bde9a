using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Features.Contacts;
using Portal.Features.Live;

namespace Portal.Features.Sends;

/// <summary>
/// One contact: who they are, the test send panel, and the latest sends with their rule and status. An agent opens
/// only their own contacts, and only admins send.
/// </summary>
public sealed partial class ContactPage : IDisposable
{
    private const int RecentSends = 20;

    private bool _loaded;
    private ContactViewer _viewer = new(null, false, false);
    private ContactSummary? _contact;
    private List<SendRow> _sends = [];
    private string? _checked;
    private IDisposable? _subscription;

    [Parameter]
    public long Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    private InputChanges Changes { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _viewer = ContactViewer.Of((await AuthenticationState).User);
        _subscription ??= Changes.Subscribe(change =>
            change.Contacts.Count == 0 || change.Contacts.Contains(Id)
                ? InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                })
                : Task.CompletedTask);
        await LoadAsync();
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task LoadAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        _contact = await _viewer.Visible(db.Contacts).Where(c => c.Id == Id)
            .Select(c => new ContactSummary(
                (c.FirstName + " " + c.LastName).Trim(),
                c.Phone,
                c.AssignedUser == null ? null : c.AssignedUser.DisplayName + " (" + c.AssignedUser.Email + ")"))
            .SingleOrDefaultAsync();
        _sends = _contact is null ? [] : await db.Sends.Where(s => s.ContactId == Id)
            .OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id)
            .Take(RecentSends)
            .Select(s => new SendRow(s.Id, s.SentAt, s.Channel, s.FromNumber!.E164, s.Rule, s.Status, s.Sid))
            .ToListAsync();
        _loaded = true;
    }

    private async Task CheckTwilioAsync(long sendId)
    {
        var user = (await AuthenticationState).User;
        await using var scope = Scopes.CreateAsyncScope();
        _checked = await scope.ServiceProvider.GetRequiredService<TestSender>().CheckTwilioAsync(user, sendId);
        await LoadAsync();
    }

    private sealed record ContactSummary(string Name, string? Phone, string? AssignedUser);

    private sealed record SendRow(
        long Id, DateTimeOffset SentAt, string Channel, string From, string? Rule, string Status, string? Sid);
}
