using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Portal.Features.Demo;
using Portal.Infrastructure;

namespace Portal.Cli;

/// <summary>
/// generate [--contacts N] [--users N] [--numbers N] [--sends N] [--seed N]: fills the configured database with
/// generated volumes for measuring (defaults: 1,000,000 contacts, 2,000 users, 1,000 numbers, 3,000,000 sends).
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var volumes, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(
                "Usage: generate [--contacts N] [--users N] [--numbers N] [--sends N] [--seed N]");
            return CommandLine.UsageError;
        }

        return await DatabaseCommands.WithDatabaseAsync([], error, (app, services) =>
            GenerateAsync(PortalApp.ConnectionString(app.Configuration), services, volumes, output, error));
    }

    private static async Task<int> GenerateAsync(
        string connectionString, IServiceProvider services, Volumes volumes, TextWriter output, TextWriter error)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await PortalRoleSetup.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());

        var generator = services.GetRequiredService<VolumeGenerator>();
        try
        {
            foreach (var line in await generator.GenerateAsync(connectionString, volumes))
            {
                await output.WriteLineAsync(line);
            }
        }
        catch (InvalidOperationException refused) when (!DatabaseUnreachable.Caused(refused))
        {
            await error.WriteLineAsync(refused.Message);
            return 1;
        }

        return 0;
    }

    private static bool TryParse(string[] args, out Volumes volumes, out string problem)
    {
        var values = new Dictionary<string, int>
        {
            ["--contacts"] = 1_000_000,
            ["--users"] = 2_000,
            ["--numbers"] = 1_000,
            ["--sends"] = 3_000_000,
            ["--seed"] = 1,
        };
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1].Replace("_", ""), NumberStyles.AllowThousands,
                    CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                problem = $"'{args[i]}' is not an option with a count; give each option a whole number.";
                volumes = null!;
                return false;
            }

            values[args[i]] = value;
            i++;
        }

        volumes = new Volumes(values["--contacts"], values["--users"], values["--numbers"], values["--sends"],
            values["--seed"]);
        if (volumes.Numbers < 1 || (volumes.Sends > 0 && volumes.Contacts < 1))
        {
            problem = "Generate at least one number, and at least one contact when there are sends.";
            return false;
        }

        return true;
    }
}
