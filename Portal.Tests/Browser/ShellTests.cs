using Microsoft.Playwright;
using Portal.Database.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

public sealed class ShellTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Admin_logs_in_through_the_login_page_and_sees_the_shell_with_the_demo_banner()
    {
        await session.Portal.CreateUserAsync("shell.admin@example.com", PortalRoles.Admin, "Shell Admin");
        await using var context = await session.Browser.NewContextAsync();

        var page = await session.LogInAsync(context, "shell.admin@example.com", PortalFactory.Password);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("demo-banner"))
            .ToHaveTextAsync("Demo data: numbers are not synced from Twilio");
        await Assertions.Expect(page.GetByTestId("nav-menu").GetByText("Dashboard")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Shell Admin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_login_page_with_a_clear_message()
    {
        await session.Portal.CreateUserAsync("shell.support@example.com", PortalRoles.Support);
        await using var context = await session.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.BaseUrl + "/");

        await page.FillAsync("#email", "shell.support@example.com");
        await page.FillAsync("#password", "Not-the-password-1!");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByTestId("login-error"))
            .ToContainTextAsync("The email or password is not right");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task Logging_out_from_the_account_menu_returns_to_the_login_page()
    {
        await session.Portal.CreateUserAsync("shell.agent@example.com", PortalRoles.Agent, "Shell Agent");
        await using var context = await session.Browser.NewContextAsync();
        var page = await session.LogInAsync(context, "shell.agent@example.com", PortalFactory.Password);

        await page.GetByText("Shell Agent").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Log out" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/account/login"));
        await page.GotoAsync(session.BaseUrl + "/");
        Assert.Contains("/account/login", page.Url);
    }
}
