using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Database.Identity;
using Portal.Infrastructure;

namespace Portal.Tests.Infrastructure;

/// <summary>The portal on one test database, with helpers to create users and log in as they would.</summary>
public sealed partial class PortalFactory(
    string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-1!";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", connectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<PortalUser> CreateUserAsync(string email, string role, string? displayName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await PortalRoleSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName ?? email.Split('@')[0],
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Posts the real login form, as a browser would, and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    public async Task<HttpClient> LoggedInClientAsync(string email)
    {
        var client = CreateBrowserlikeClient();
        using var response = await PostLoginAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    /// <summary>Where a redirect leads on this site: its path and query, absolute header or not.</summary>
    public static string? RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        if (!location.IsAbsoluteUri)
        {
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
