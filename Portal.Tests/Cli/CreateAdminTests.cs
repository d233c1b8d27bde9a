using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Cli;
using Portal.Database.Identity;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cli;

public sealed class CreateAdminTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private string[] Args(string email) =>
        ["--email", email, $"--ConnectionStrings:Portal={database.ConnectionString}"];

    [Fact]
    public async Task Create_admin_with_a_password_on_standard_input_makes_an_admin_who_can_log_in()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await DatabaseCommands.CreateAdminAsync(
            Args("root@example.com"), new StringReader("Chosen-Password-9!\n"), output, error, inputRedirected: true);

        Assert.Equal(0, exitCode);
        Assert.Contains("Created admin root@example.com.", output.ToString());
        Assert.DoesNotContain("Chosen-Password-9!", output.ToString());
        await using var portal = new PortalFactory(database.ConnectionString);
        var client = portal.CreateBrowserlikeClient();
        using var login = await PortalFactory.PostLoginAsync(client, "root@example.com", "Chosen-Password-9!");
        Assert.Equal(System.Net.HttpStatusCode.Found, login.StatusCode);
        await using var db = database.CreateDbContext();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           join user in db.Users on userRole.UserId equals user.Id
                           where user.Email == "root@example.com"
                           select role.Name).ToListAsync();
        Assert.Equal([PortalRoles.Admin], roles);
    }

    [Fact]
    public async Task Create_admin_without_a_password_generates_one_and_prints_it_once()
    {
        var output = new StringWriter();

        var exitCode = await DatabaseCommands.CreateAdminAsync(
            Args("gen@example.com"), new StringReader(""), output, new StringWriter(), inputRedirected: true);

        Assert.Equal(0, exitCode);
        var printed = output.ToString().Split('\n').Single(l => l.StartsWith("Password")).Split(": ")[1].Trim();
        await using var portal = new PortalFactory(database.ConnectionString);
        var client = portal.CreateBrowserlikeClient();
        using var login = await PortalFactory.PostLoginAsync(client, "gen@example.com", printed);
        Assert.Equal(System.Net.HttpStatusCode.Found, login.StatusCode);
    }

    [Fact]
    public async Task Create_admin_refuses_a_weak_password_and_says_why()
    {
        var error = new StringWriter();

        var exitCode = await DatabaseCommands.CreateAdminAsync(
            Args("weak@example.com"), new StringReader("short\n"), new StringWriter(), error, inputRedirected: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("Passwords must be at least 6 characters", error.ToString());
        await using var db = database.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "weak@example.com"));
    }

    [Fact]
    public async Task Create_admin_refuses_an_email_that_already_has_an_account()
    {
        await DatabaseCommands.CreateAdminAsync(
            Args("twice@example.com"), new StringReader("First-Password-1!\n"), new StringWriter(), new StringWriter(),
            inputRedirected: true);
        var error = new StringWriter();

        var exitCode = await DatabaseCommands.CreateAdminAsync(
            Args("twice@example.com"), new StringReader("Other-Password-1!\n"), new StringWriter(), error,
            inputRedirected: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("twice@example.com already has an account", error.ToString());
    }

    [Fact]
    public async Task Create_admin_without_an_email_prints_usage_and_exits_64()
    {
        var error = new StringWriter();

        var exitCode = await DatabaseCommands.CreateAdminAsync(
            [], new StringReader(""), new StringWriter(), error, inputRedirected: true);

        Assert.Equal(CommandLine.UsageError, exitCode);
        Assert.Contains("Usage: create-admin --email EMAIL", error.ToString());
    }
}
