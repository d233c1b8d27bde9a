using Portal.Cli;
using Portal.Domain.Rules;
using Portal.Domain.Scenarios;

namespace Portal.Features.Simulator;

/// <summary>
/// The <c>simulate</c> verb: runs a scenario file without a database and prints each send and resolve step.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Every expectation held.</summary>
    public const int Passed = 0;

    /// <summary>At least one expectation did not hold.</summary>
    public const int Failed = 1;

    /// <summary>The file could not be read or is not a valid scenario.</summary>
    public const int Invalid = 2;

    private const string Usage = "usage: dotnet run --project Portal -- simulate FILE.json [--json]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (!TryReadArguments(args, out var file, out var asJson, out var argumentProblem))
        {
            if (argumentProblem is not null)
            {
                error.WriteLine(argumentProblem);
            }

            error.WriteLine(Usage);
            return CommandLine.UsageError;
        }

        var parsed = Read(file);
        if (!parsed.IsValid)
        {
            WriteProblems(file, parsed.Problems, asJson, output, error);
            return Invalid;
        }

        var run = ScenarioRunner.Run(parsed.Scenario);
        if (asJson)
        {
            output.WriteLine(ReportJson.Serialize(SimulationReport.Of(run)));
        }
        else
        {
            WriteLines(run, output);
        }

        return run.Passed ? Passed : Failed;
    }

    private static bool TryReadArguments(IReadOnlyList<string> args, out string file, out bool asJson,
        out string? problem)
    {
        file = "";
        asJson = false;
        problem = null;

        foreach (var argument in args)
        {
            if (argument == "--json")
            {
                asJson = true;
            }
            else if (argument.StartsWith('-'))
            {
                problem = $"simulate: unknown option {argument}";
                return false;
            }
            else if (file.Length > 0)
            {
                problem = $"simulate: one scenario file at a time, but both {file} and {argument} were given";
                return false;
            }
            else
            {
                file = argument;
            }
        }

        if (file.Length == 0)
        {
            problem = "simulate: which scenario file?";
            return false;
        }

        return true;
    }

    private static ScenarioParseResult Read(string file)
    {
        // Reading a directory fails with "access denied", which sends people to check permissions.
        if (Directory.Exists(file))
        {
            return ScenarioParser.Unreadable($"{file} is a directory; give the path of a scenario .json file.");
        }

        try
        {
            return ScenarioParser.Parse(File.ReadAllText(file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ScenarioParser.Unreadable($"Cannot read {file}: {exception.Message}");
        }
    }

    private static void WriteProblems(string file, IReadOnlyList<ScenarioProblem> problems, bool asJson,
        TextWriter output, TextWriter error)
    {
        if (asJson)
        {
            output.WriteLine(ReportJson.Serialize(new ScenarioErrorsReport(problems)));
            return;
        }

        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        error.WriteLine($"{file} is not a valid scenario ({count}); no step was run:");
        foreach (var problem in problems)
        {
            error.WriteLine($"  {problem.Path}: {problem.Message}");
        }
    }

    private static void WriteLines(ScenarioRun run, TextWriter output)
    {
        foreach (var step in run.Steps)
        {
            var verdict = step.Ok || step.Expected is not { } expected
                ? "ok"
                : $"EXPECTED {expected.From ?? "(none)"} {WireCodes.Of(expected.Rule)}";

            output.WriteLine($"{step.Index} {step.Kind} {step.Contact} {WireCodes.Of(step.Channel)} "
                + $"{step.Resolution.From ?? "(none)"} {WireCodes.Of(step.Resolution.Rule)} {verdict}");
        }

        var expectations = run.Steps.Count(step => step.Expected is not null);
        var failures = run.Steps.Count(step => !step.Ok);
        var resolved = Count(run.Steps.Count, "step");
        var summary = failures == 0
            ? $"PASSED {run.Name}: {resolved} resolved, {expectations} of {Count(expectations, "expectation")} held"
            : $"FAILED {run.Name}: {resolved} resolved, {failures} of {Count(expectations, "expectation")} "
                + "did not hold";

        output.WriteLine(summary);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
