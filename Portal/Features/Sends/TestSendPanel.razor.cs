using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Rules;
using Portal.Features.Live;

namespace Portal.Features.Sends;

/// <summary>
/// Shows which number and rule a test send to the contact would use now, with the trace, and lets an admin send one.
/// </summary>
public sealed partial class TestSendPanel
{
    private Channel _channel = Channel.Sms;
    private TestSendPreview? _preview;
    private TestSendOutcome? _outcome;
    private bool _busy;
    private IDisposable? _subscription;

    [Parameter, EditorRequired]
    public long ContactId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    private InputChanges Changes { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _subscription = Changes.Subscribe(change =>
            change.Contacts.Count == 0 || change.Contacts.Contains(ContactId)
                ? InvokeAsync(async () =>
                {
                    await LoadPreviewAsync();
                    StateHasChanged();
                })
                : Task.CompletedTask);
        await LoadPreviewAsync();
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task ChooseChannelAsync(Channel channel)
    {
        _channel = channel;
        _outcome = null;
        await LoadPreviewAsync();
    }

    // A scope per operation: the panel and its page may load at the same time, and one DbContext cannot.
    private async Task LoadPreviewAsync()
    {
        await using var scope = Scopes.CreateAsyncScope();
        _preview = await scope.ServiceProvider.GetRequiredService<TestSender>().PreviewAsync(ContactId, _channel);
    }

    private async Task SendAsync()
    {
        _busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            await using var scope = Scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<TestSender>();
            _outcome = await sender.SendAsync(user, ContactId, _channel);
            await LoadPreviewAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static Severity SeverityOf(TestSendResult result) => result switch
    {
        TestSendResult.Sent => Severity.Success,
        TestSendResult.Unknown => Severity.Warning,
        _ => Severity.Error,
    };
}
