using System.Net;
using System.Text.RegularExpressions;
using Portal.Database.Identity;
using Portal.Tests.Infrastructure;
using Portal.Tests.TwilioApi;
using static Portal.Tests.Authorization.AuthorizationTable;

namespace Portal.Tests.Authorization;

public sealed partial class AuthorizationTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string WebhookAuthToken = "authorization-table-token";

    private PortalFactory _portal = null!;

    public static TheoryData<string, string, string, Access> Table => AsTheoryData();

    public async Task InitializeAsync()
    {
        // An auth token alone leaves the portal in demo mode, but lets it check webhook signatures.
        _portal = new PortalFactory(database.ConnectionString,
            new Dictionary<string, string?> { ["Twilio:AuthToken"] = WebhookAuthToken });
        foreach (var role in PortalRoles.All)
        {
            if (await UserExistsAsync(role))
            {
                continue;
            }

            await _portal.CreateUserAsync(EmailOf(role), role);
        }
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_page_and_endpoint_admits_exactly_the_roles_in_the_table(
        string method, string path, string who, Access expected)
    {
        var client = who is Anonymous or SignedByTwilio
            ? _portal.CreateBrowserlikeClient()
            : await _portal.LoggedInClientAsync(EmailOf(who));
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (who == SignedByTwilio)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
            request.Headers.Add("X-Twilio-Signature",
                TwilioSignature.Of(WebhookAuthToken, "http://localhost" + path, new Dictionary<string, string>()));
        }

        using var response = await client.SendAsync(request);

        var target = PortalFactory.RedirectTarget(response);
        switch (expected)
        {
            case Access.Allowed:
                Assert.True(response.IsSuccessStatusCode, $"{who} {method} {path}: {response.StatusCode} {target}");
                break;
            case Access.SentToLogin:
                Assert.Equal(HttpStatusCode.Found, response.StatusCode);
                Assert.StartsWith("/account/login", target);
                break;
            case Access.NotAuthorized:
                Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Forbidden,
                    $"{who} {method} {path}: {response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Found)
                {
                    Assert.StartsWith("/account/denied", target);
                    var denied = await client.GetStringAsync(target);
                    Assert.Contains("You are not authorized to use this page", denied);
                }

                break;
            case Access.Forbidden:
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                break;
        }
    }

    [Theory]
    [InlineData(PortalRoles.Admin)]
    [InlineData(PortalRoles.Support)]
    [InlineData(PortalRoles.Agent)]
    public async Task Each_role_sees_exactly_the_pages_it_may_open_in_the_menu(string role)
    {
        var client = await _portal.LoggedInClientAsync(EmailOf(role));
        var expected = Rows()
            .Where(r => r.Who == role && r.InMenu)
            .Select(r => r.Path)
            .Order()
            .ToList();

        var home = await client.GetStringAsync("/");

        var menu = NavLinks().Matches(home).Select(m => "/" + m.Groups[1].Value.TrimStart('/')).Order().ToList();
        Assert.Equal(expected, menu);
    }

    private static string EmailOf(string role) => $"{role.ToLowerInvariant()}@example.com";

    private async Task<bool> UserExistsAsync(string role)
    {
        await using var db = database.CreateDbContext();
        var email = EmailOf(role).ToUpperInvariant();
        return db.Users.Any(u => u.NormalizedEmail == email);
    }

    [GeneratedRegex("<a href=\"([^\"]*)\"[^>]*class=\"mud-nav-link")]
    private static partial Regex NavLinks();
}
