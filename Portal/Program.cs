using Portal.Cli;

var verbExitCode = await CommandLine.TryRunAsync(args);
if (verbExitCode is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Outbound Number Portal");
await app.RunAsync();
return 0;
