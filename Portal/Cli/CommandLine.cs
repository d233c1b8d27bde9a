using Portal.Features.Simulator;

namespace Portal.Cli;

/// <summary>
/// The portal's command-line verbs. A verb runs instead of the web server and returns the process exit code.
/// </summary>
public static class CommandLine
{
    /// <summary>The exit code for wrong arguments (BSD's EX_USAGE).</summary>
    public const int UsageError = 64;

    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        return args[0] switch
        {
            "simulate" => SimulateCommand.Run(args[1..], Console.Out, Console.Error),
            _ => null,
        };
    }
}
