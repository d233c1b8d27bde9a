using Portal.Features.Simulator;

namespace Portal.Cli;

/// <summary>
/// The portal's command-line verbs. A verb runs instead of the web server and returns the process exit code.
/// </summary>
public static class CommandLine
{
    /// <summary>The exit code for wrong arguments (BSD's EX_USAGE).</summary>
    public const int UsageError = 64;

    /// <summary>The exit code for a database that did not answer (BSD's EX_UNAVAILABLE).</summary>
    public const int DatabaseUnavailable = 69;

    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        return args[0] switch
        {
            "simulate" => SimulateCommand.Run(args[1..], Console.Out, Console.Error),
            "migrate" => await DatabaseCommands.MigrateAsync(args[1..], Console.Error),
            "create-admin" => await DatabaseCommands.CreateAdminAsync(
                args[1..], Console.In, Console.Out, Console.Error, Console.IsInputRedirected),
            "load-demo" => await DatabaseCommands.LoadDemoAsync(args[1..], Console.Out, Console.Error),
            "create-api-key" => await DatabaseCommands.CreateApiKeyAsync(args[1..], Console.Out, Console.Error),
            "generate" => await GenerateCommand.RunAsync(args[1..], Console.Out, Console.Error),
            _ => Usage(args[0]),
        };
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine($"Unknown command '{verb}'. Commands:");
        Console.Error.WriteLine("  simulate FILE.json [--json]   run a scenario file (no database needed)");
        Console.Error.WriteLine("  migrate                       apply database migrations");
        Console.Error.WriteLine("  create-admin --email EMAIL    create an admin (password read or generated)");
        Console.Error.WriteLine("  create-api-key --name N [--scope read|write]  create a key for /api/v1");
        Console.Error.WriteLine("  load-demo                     load samples/ into the database (Development only)");
        Console.Error.WriteLine("  generate [--contacts N ...]   fill the database with large generated volumes");
        Console.Error.WriteLine("With no command the portal serves its web pages.");
        return UsageError;
    }
}
