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
    public static Task<int> MigrateAsync(string[] args, TextWriter error) =>
        WithDatabaseAsync(args, error, async (_, services) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            return 0;
        });

    public static Task<int> LoadDemoAsync(string[] args, TextWriter output, TextWriter error) =>
        WithDatabaseAsync(args, error, async (app, services) =>
        {
            if (!app.Environment.IsDevelopment())
            {
                await error.WriteLineAsync(
                    "Demo accounts exist only in Development. Set ASPNETCORE_ENVIRONMENT=Development to load them.");
                return 1;
            }

            foreach (var line in await services.GetRequiredService<DemoData>().LoadAsync())
            {
                await output.WriteLineAsync(line);
            }

            return 0;
        });

    /// <summary>
    /// Runs a verb on the configured database. A database that does not answer is something to fix, not a bug: one
    /// line names where the verb looked (host and port, never the password) instead of a stack trace.
    /// </summary>
    internal static async Task<int> WithDatabaseAsync(
        string[] settings, TextWriter error, Func<WebApplication, IServiceProvider, Task<int>> verb)
    {
        await using var app = PortalApp.Build(settings, serveWeb: false);
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            return await verb(app, scope.ServiceProvider);
        }
        catch (Exception exception) when (DatabaseUnreachable.Caused(exception))
        {
            var address = DatabaseUnreachable.Address(PortalApp.ConnectionString(app.Configuration));
            await error.WriteLineAsync($"The database at {address} did not answer "
                                       + $"({exception.GetBaseException().Message}). Start PostgreSQL there, or set "
                                       + "ConnectionStrings__Portal to a database that runs.");
            return CommandLine.DatabaseUnavailable;
        }
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

        return await WithDatabaseAsync(Settings(args), error, (_, services) =>
            CreateAdminAsync(services, email, password, string.IsNullOrEmpty(given), output, error));
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string email, string password,
        bool generated, TextWriter output, TextWriter error)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        await PortalRoleSetup.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
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
        if (generated)
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
        if (!ApiScopes.IsKnown(scope))
        {
            await error.WriteLineAsync(ApiScopes.NotAScope(scope));
        }

        if (name is null || !ApiScopes.IsKnown(scope))
        {
            await error.WriteLineAsync("Usage: create-api-key --name NAME [--scope read|write]");
            return CommandLine.UsageError;
        }

        return await WithDatabaseAsync(Settings(args), error, async (_, services) =>
        {
            try
            {
                var created = await services.GetRequiredService<ApiKeys>()
                    .CreateAsync(name, scope, Actor.System("command line"), actorIsAdmin: true);
                await output.WriteLineAsync(created.Secret);
                return 0;
            }
            catch (ApiKeyRefusedException refusal)
            {
                await error.WriteLineAsync(refusal.Message);
                return 1;
            }
        });
    }

    // Only --Key=value arguments are configuration; the verb's own options are not.
    private static string[] Settings(string[] args) =>
        args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray();

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
