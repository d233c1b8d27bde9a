using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;
using Portal.Features.Api;
using Portal.Features.Demo;
using Portal.Infrastructure;

namespace Portal.Cli;

/// <summary>The verbs that set a database up: migrate, create an admin, load the demo data.</summary>
public static class DatabaseCommands
{
    public static async Task<int> MigrateAsync(string[] args)
    {
        await using var app = PortalApp.Build(args, serveWeb: false);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return 0;
    }

    public static async Task<int> LoadDemoAsync(string[] args)
    {
        await using var app = PortalApp.Build(args, serveWeb: false);
        if (!app.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync(
                "Demo accounts exist only in Development. Set ASPNETCORE_ENVIRONMENT=Development to load them.");
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
        var report = await demo.LoadAsync();
        foreach (var line in report)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    public static async Task<int> CreateAdminAsync(
        string[] args, TextReader input, TextWriter output, TextWriter error, bool inputRedirected)
    {
        var email = EmailArgument(args);
        if (email is null)
        {
            await error.WriteLineAsync("Usage: create-admin --email EMAIL (the password is read from standard input, "
                                       + "or generated and printed once when none is given)");
            return CommandLine.UsageError;
        }

        var given = inputRedirected ? (await input.ReadLineAsync())?.Trim() : null;
        var password = string.IsNullOrEmpty(given) ? GeneratePassword() : given;

        var settings = args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray();
        await using var app = PortalApp.Build(settings, serveWeb: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();

        await PortalRoleSetup.EnsureRolesAsync(roles);
        if (await users.FindByEmailAsync(email) is not null)
        {
            await error.WriteLineAsync($"{email} already has an account. Choose another email, or reset the password "
                                       + "of the existing account from the Users page.");
            return 1;
        }

        var admin = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync($"The admin {email} was not created: "
                                       + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        await users.AddToRoleAsync(admin, PortalRoles.Admin);
        await output.WriteLineAsync($"Created admin {email}.");
        if (string.IsNullOrEmpty(given))
        {
            await output.WriteLineAsync($"Password (shown once, store it now): {password}");
        }

        return 0;
    }

    /// <summary>Creates an API key for scripts and load runs; prints the key once.</summary>
    public static async Task<int> CreateApiKeyAsync(string[] args, TextWriter output, TextWriter error)
    {
        var name = ValueOf(args, "--name");
        var scope = ValueOf(args, "--scope") ?? ApiScopes.Read;
        if (name is null)
        {
            await error.WriteLineAsync("Usage: create-api-key --name NAME [--scope read|write]");
            return CommandLine.UsageError;
        }

        var settings = args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray();
        await using var app = PortalApp.Build(settings, serveWeb: false);
        await using var services = app.Services.CreateAsyncScope();
        try
        {
            var created = await services.ServiceProvider.GetRequiredService<ApiKeys>()
                .CreateAsync(name, scope, Actor.System("command line"), actorIsAdmin: true);
            await output.WriteLineAsync(created.Secret);
            return 0;
        }
        catch (ApiKeyRefusedException refusal)
        {
            await error.WriteLineAsync(refusal.Message);
            return 1;
        }
    }

    private static string? ValueOf(string[] args, string option)
    {
        var at = Array.IndexOf(args, option);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string? EmailArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--email" && i + 1 < args.Length && args[i + 1].Contains('@'))
            {
                return args[i + 1].Trim();
            }
        }

        return null;
    }

    // Identity's default rules: upper, lower, digit and symbol; 20 characters is far above the minimum.
    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 16);
        return $"{body}-Aa{RandomNumberGenerator.GetInt32(10)}";
    }
}
