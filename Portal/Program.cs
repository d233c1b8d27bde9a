using Portal;
using Portal.Cli;

var verbExitCode = await CommandLine.TryRunAsync(args);
if (verbExitCode is { } exitCode)
{
    return exitCode;
}

var app = PortalApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point, named so that tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
