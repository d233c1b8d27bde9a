using System.Net;
using System.Text.RegularExpressions;
using Portal.Database.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Account;

public sealed partial class LoginTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Right_password_logs_in_and_lands_on_the_page_asked_for()
    {
        await _portal.CreateUserAsync("ada@example.com", PortalRoles.Admin);
        var client = _portal.CreateBrowserlikeClient();

        using var response = await PortalFactory.PostLoginAsync(client, "ada@example.com", PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", PortalFactory.RedirectTarget(response));
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Dashboard", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message_that_says_what_to_check()
    {
        await _portal.CreateUserAsync("bea@example.com", PortalRoles.Support);
        var client = _portal.CreateBrowserlikeClient();

        using var response = await PortalFactory.PostLoginAsync(client, "bea@example.com", "Not-the-password-1!");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_against_the_right_password()
    {
        await _portal.CreateUserAsync("cy@example.com", PortalRoles.Agent);
        var client = _portal.CreateBrowserlikeClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await PortalFactory.PostLoginAsync(client, "cy@example.com", "Wrong-password-1!")).Dispose();
        }

        using var response = await PortalFactory.PostLoginAsync(client, "cy@example.com", PortalFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("or the account is locked after too many attempts", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_and_an_email_without_an_account_get_the_same_answer()
    {
        await _portal.CreateUserAsync("gil@example.com", PortalRoles.Agent);
        var client = _portal.CreateBrowserlikeClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await PortalFactory.PostLoginAsync(client, "gil@example.com", "Wrong-password-1!")).Dispose();
            (await PortalFactory.PostLoginAsync(client, "nobody@example.com", "Wrong-password-1!")).Dispose();
        }

        using var locked = await PortalFactory.PostLoginAsync(client, "gil@example.com", PortalFactory.Password);
        using var unknown = await PortalFactory.PostLoginAsync(client, "nobody@example.com", "Wrong-password-1!");

        var lockedAnswer = LoginError(await locked.Content.ReadAsStringAsync());
        Assert.Equal(lockedAnswer, LoginError(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains("wait 5 minutes or ask an admin", lockedAnswer);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_account_says_so_only_to_its_own_password()
    {
        var hal = await _portal.CreateUserAsync("hal@example.com", PortalRoles.Agent);
        await using (var db = database.CreateDbContext())
        {
            (await db.Users.FindAsync(hal.Id))!.IsActive = false;
            await db.SaveChangesAsync();
        }
        var client = _portal.CreateBrowserlikeClient();

        using var wrong = await PortalFactory.PostLoginAsync(client, "hal@example.com", "Wrong-password-1!");
        using var unknown = await PortalFactory.PostLoginAsync(client, "nobody@example.com", "Wrong-password-1!");
        using var right = await PortalFactory.PostLoginAsync(client, "hal@example.com", PortalFactory.Password);

        Assert.Equal(LoginError(await unknown.Content.ReadAsStringAsync()),
            LoginError(await wrong.Content.ReadAsStringAsync()));
        Assert.StartsWith("This account is deactivated", LoginError(await right.Content.ReadAsStringAsync()));
    }

    private static string LoginError(string page) =>
        WebUtility.HtmlDecode(LoginErrorMessage().Match(page).Groups[1].Value).Trim();

    [GeneratedRegex("data-testid=\"login-error\".*?class=\"mud-alert-message\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex LoginErrorMessage();

    [Fact]
    public async Task Four_failed_attempts_do_not_lock_the_account()
    {
        await _portal.CreateUserAsync("dee@example.com", PortalRoles.Agent);
        var client = _portal.CreateBrowserlikeClient();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            (await PortalFactory.PostLoginAsync(client, "dee@example.com", "Wrong-password-1!")).Dispose();
        }

        using var response = await PortalFactory.PostLoginAsync(client, "dee@example.com", PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        await _portal.CreateUserAsync("eve@example.com", PortalRoles.Admin);
        var client = await _portal.LoggedInClientAsync("eve@example.com");
        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex
            .Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/account/login", PortalFactory.RedirectTarget(await client.GetAsync("/")));
    }

    [Fact]
    public async Task Logging_out_without_the_forms_antiforgery_token_is_refused_and_the_session_stays()
    {
        await _portal.CreateUserAsync("ivy@example.com", PortalRoles.Admin);
        var client = await _portal.LoggedInClientAsync("ivy@example.com");

        using var logout = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("//evil.example.com/")]
    [InlineData("/\\evil.example.com/")]
    public async Task A_return_address_off_this_site_is_replaced_by_the_dashboard(string returnUrl)
    {
        var email = $"fay.{Guid.NewGuid():N}@example.com";
        await _portal.CreateUserAsync(email, PortalRoles.Admin);
        var client = _portal.CreateBrowserlikeClient();
        var form = await client.GetStringAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = System.Text.RegularExpressions.Regex
            .Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var response = await client.PostAsync(
            "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["_handler"] = "login",
                ["Input.Email"] = email,
                ["Input.Password"] = PortalFactory.Password,
            }));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", PortalFactory.RedirectTarget(response));
    }
}
