using Portal.Features.Simulator;

namespace Portal.Tests.Simulator;

// Runs the simulate verb in-process on a scenario written to a temporary file, capturing what it prints.
internal sealed record SimulateRun(int ExitCode, string Output, string Error)
{
    public static SimulateRun OnFile(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = SimulateCommand.Run(args, output, error);

        return new SimulateRun(exitCode, output.ToString(), error.ToString());
    }

    public static SimulateRun OnText(string scenarioJson, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, scenarioJson);
        try
        {
            return OnFile([file, .. options]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
