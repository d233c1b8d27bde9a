using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Features.Live;
using Portal.Features.Sends;
using Portal.Infrastructure;
using Portal.Infrastructure.TwilioApi;

namespace Portal.Tests.Sends;

public sealed class TestSendPanelTests : BunitContext, IClassFixture<SendingPortal>, IAsyncLifetime
{
    private readonly SendingPortal _portal;

    public TestSendPanelTests(SendingPortal portal)
    {
        _portal = portal;
        _portal.Twilio.Reset();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;

        // The portal's own sending services on the test database, with Twilio's HTTP going to the fake.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SendingPortal.Settings()).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddSingleton(configuration.GetSection(TwilioSettings.Section).Get<TwilioSettings>()!);
        Services.AddLogging();
        Services.AddDbContext<PortalDbContext>(options => options.UsePortalDatabase(portal.Database.ConnectionString));
        Services.AddSingleton<InputChanges>();
        Services.AddScoped<SendLedger>();
        Services.AddSending();
        Services.AddHttpClient(TwilioHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => portal.Twilio)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously, so the container must be disposed that way.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private IRenderedComponent<TestSendPanel> RenderAs(string role, long contact)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(role.ToLowerInvariant());
        authorization.SetRoles(role);
        return Render<TestSendPanel>(parameters => parameters.Add(p => p.ContactId, contact));
    }

    [Fact]
    public async Task An_admin_sees_the_number_rule_and_trace_sends_and_then_sees_the_send_become_the_previous_number()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");
        var panel = RenderAs(PortalRoles.Admin, contact);
        panel.WaitForAssertion(() => Assert.Contains("by rule unassigned-default",
            panel.Find("[data-testid=test-send-choice]").TextContent));
        Assert.Contains("previous-number: no counting send to the contact yet.",
            panel.Find("[data-testid=test-send-trace]").TextContent);

        await panel.Find("[data-testid=test-send-button]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.StartsWith("Twilio accepted the test SMS from +12025550100",
            panel.Find("[data-testid=test-send-result]").TextContent.Trim()));
        panel.WaitForAssertion(() => Assert.Contains("by rule previous-number",
            panel.Find("[data-testid=test-send-choice]").TextContent));
    }

    [Fact]
    public async Task Twilio_refusing_the_send_shows_its_plain_message()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Fails(400, 21610, "Attempt to send to unsubscribed recipient");
        var panel = RenderAs(PortalRoles.Admin, contact);
        panel.WaitForElement("[data-testid=test-send-choice]");

        await panel.Find("[data-testid=test-send-button]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("has unsubscribed from +12025550100 by replying STOP",
            panel.Find("[data-testid=test-send-result]").TextContent));
        Assert.Empty(await _portal.SendsOfAsync(contact));
    }

    [Theory]
    [InlineData(PortalRoles.Support)]
    [InlineData(PortalRoles.Agent)]
    public async Task Others_see_the_choice_but_no_send_button(string role)
    {
        var contact = await _portal.AddContactAsync();

        var panel = RenderAs(role, contact);

        panel.WaitForElement("[data-testid=test-send-choice]");
        Assert.Empty(panel.FindAll("[data-testid=test-send-button]"));
        Assert.Equal(TestSender.NotAnAdmin, panel.Find("[data-testid=test-send-admin-only]").TextContent);
    }
}
