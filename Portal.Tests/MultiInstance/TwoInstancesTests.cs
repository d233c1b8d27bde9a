using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Portal.Tests.MultiInstance;

/// <summary>Tests that start portal processes and a proxy run one at a time, apart from the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiInstanceCollection
{
    public const string Name = "Portal processes behind nginx";
}

[Collection(MultiInstanceCollection.Name)]
public sealed class TwoInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    // The first send in a fresh process starts the Twilio client and the retry pipeline, on a machine that may be busy.
    private static readonly LocatorAssertionsToContainTextOptions SlowFirstSend = new() { Timeout = 30000 };

    private const string Email = "twice.admin@example.com";

    private readonly TestDatabase _database = new();
    private readonly List<PortalProcess> _portals = [];
    private NginxProxy? _proxy;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private long _contact;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using (var setup = new PortalFactory(_database.ConnectionString))
        {
            await setup.CreateUserAsync(Email, PortalRoles.Admin, "Twice Admin");
        }

        _contact = await SeedContactAsync();

        // The first process makes the Data Protection key, the second finds it in PostgreSQL; started together on an
        // empty key ring, each would make its own.
        _portals.Add(await PortalProcess.StartAsync(_database.ConnectionString));
        using (var client = new HttpClient())
        {
            await client.GetStringAsync($"http://127.0.0.1:{_portals[0].Port}/account/login");
        }

        _portals.Add(await PortalProcess.StartAsync(_database.ConnectionString));
        _proxy = await NginxProxy.StartAsync(_portals.Select(p => p.Port));

        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserSession.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        foreach (var portal in _portals)
        {
            await portal.DisposeAsync();

            // Shown with a failing test: what each process logged.
            output.WriteLine($"--- portal on port {portal.Port} ---");
            output.WriteLine(string.Join('\n', portal.Output.Split('\n').TakeLast(80)));
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task When_the_process_serving_a_user_stops_the_page_comes_back_on_the_other_still_logged_in()
    {
        await using var context = await _browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        await LogInAsync(page);
        await page.GotoAsync($"{_proxy!.BaseUrl}/contacts/{_contact}");
        await BrowserSession.WaitForCircuitAsync(page);
        await page.GetByTestId("test-send-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-send-result")).ToContainTextAsync("Demo send", SlowFirstSend);
        var serving = await _proxy.LastUpstreamForAsync("/_blazor/negotiate");
        var stopped = _portals.Single(p => serving == $"127.0.0.1:{p.Port}");
        var other = _portals.Single(p => p != stopped);
        await page.EvaluateAsync("() => { window.portalBeforeStop = true; }");

        await stopped.KillAsync();
        await page.WaitForFunctionAsync(
            "() => document.getElementById('components-reconnect-modal') !== null || !window.portalBeforeStop",
            null, new PageWaitForFunctionOptions { Timeout = 30000 });
        await page.ReloadAsync();

        await BrowserSession.WaitForCircuitAsync(page);
        Assert.Equal($"127.0.0.1:{other.Port}", await _proxy.LastUpstreamForAsync("/_blazor/negotiate"));
        Assert.Contains($"/contacts/{_contact}", page.Url);
        await Assertions.Expect(page.GetByText("Twice Admin")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dee Mo" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("send-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("send-status")).ToHaveTextAsync("queued");
    }

    private async Task LogInAsync(IPage page)
    {
        await page.GotoAsync(_proxy!.BaseUrl + "/");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", PortalFactory.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await BrowserSession.WaitForCircuitAsync(page);
    }

    private async Task<long> SeedContactAsync()
    {
        await using var db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var number = new TwilioNumber { E164 = "+12025550100", Capabilities = Capabilities.All, CreatedAt = now };
        var contact = new Contact
        {
            ExternalId = "ct_twice",
            FirstName = "Dee",
            LastName = "Mo",
            Phone = "+14155550199",
            CreatedAt = now,
            ImportedAt = now,
        };
        db.Numbers.Add(number);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        var settings = await db.AccountSettings.SingleAsync();
        settings.DefaultOutboundNumberId = number.Id;
        await db.SaveChangesAsync();
        return contact.Id;
    }
}
