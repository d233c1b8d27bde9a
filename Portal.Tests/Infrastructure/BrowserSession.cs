using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The portal served by Kestrel on a loopback port, and Debian's Chromium driven by Playwright against it.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private IPlaywright? _playwright;

    public PortalFactory Portal { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Portal = new PortalFactory(_database.ConnectionString);
        Portal.UseKestrel(0);
        Portal.StartServer();
        var server = Portal.Services.GetRequiredService<IServer>();
        var addresses = server.Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1");

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Debian's Chromium, headless, with the flags this closed machine needs (no background network).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });

    /// <summary>Logs in through the real login page and waits until the interactive shell is connected.</summary>
    public async Task<IPage> LogInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A click before Blazor's circuit is up does nothing, so wait for the connection first.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => window.Blazor !== undefined && document.querySelector('[data-testid=nav-menu]') !== null "
            + "&& document.body.dataset.circuit === 'up'",
            null, new PageWaitForFunctionOptions { Timeout = 20000 });
}
