using Microsoft.AspNetCore.Connections;
using Portal;
using Portal.Cli;

var verbExitCode = await CommandLine.TryRunAsync(args);
if (verbExitCode is { } exitCode)
{
    return exitCode;
}

var app = PortalApp.Build(args);
try
{
    await app.RunAsync();
}
catch (IOException taken) when (taken.InnerException is AddressInUseException)
{
    // Kestrel's own message comes with a stack trace; an operator needs the address and what to do.
    await Console.Error.WriteLineAsync(
        $"{taken.Message} Stop whatever listens there (another portal?), or start with --urls and a free address.");
    return 69;
}

return 0;

/// <summary>The entry point, named so that tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
