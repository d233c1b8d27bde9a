using System.Text.Json;
using Portal.Cli;
using Portal.Features.Simulator;
using Portal.Tests.Cli;
using Portal.Tests.Scenarios;
using static Portal.Tests.Scenarios.ScenarioJson;

namespace Portal.Tests.Simulator;

public class SimulateCommandTests
{
    private const string DefaultExpectation = $$"""{ "from": "{{Default}}", "rule": "unassigned-default" }""";

    private static readonly string UserNumberChanges = ScenarioFiles.PathOf("06-user-number-changes.json");

    private static string FailingScenario() => WithSteps(
        """{ "resolve": { "contact": "c1", "channel": "sms" } }""",
        """{ "setDefault": { "number": null } }""",
        $$"""{ "send": { "contact": "c2", "channel": "sms" }, "expect": {{DefaultExpectation}} }""");

    [Fact]
    public void Scenario_whose_expectations_hold_prints_a_line_per_resolution_and_exits_0()
    {
        var run = SimulateRun.OnFile(UserNumberChanges);

        Assert.Equal(SimulateCommand.Passed, run.ExitCode);
        Assert.Equal(
            [
                "0 send c1 sms +12025550101 assigned-user-inbound ok",
                "2 resolve c1 sms +12025550102 assigned-user-inbound ok",
                "4 resolve c1 sms +12025550101 previous-number ok",
                "PASSED When the assigned user's inbound number changes, the contact follows it: 3 steps resolved, "
                    + "3 of 3 expectations held",
            ],
            run.Output.TrimEnd('\n').Split('\n'));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Scenario_with_an_expectation_that_does_not_hold_says_what_was_expected_and_exits_1()
    {
        var run = SimulateRun.OnText(FailingScenario());

        Assert.Equal(SimulateCommand.Failed, run.ExitCode);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal("0 resolve c1 sms +12025550101 assigned-user-inbound ok", lines[0]);
        Assert.Equal($"2 send c2 sms (none) none EXPECTED {Default} unassigned-default", lines[1]);
        Assert.Equal("FAILED test scenario: 2 steps resolved, 1 of 1 expectation did not hold", lines[2]);
    }

    [Theory]
    [InlineData]
    [InlineData("--json")]
    [InlineData("a.json", "b.json")]
    [InlineData("a.json", "--verbose")]
    public void Wrong_arguments_print_the_usage_and_exit_64(params string[] args)
    {
        var run = SimulateRun.OnFile(args);

        Assert.Equal(CommandLine.UsageError, run.ExitCode);
        Assert.Contains("usage: dotnet run --project Portal -- simulate FILE.json [--json]", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Json_option_prints_one_object_with_the_send_and_resolve_steps_and_their_traces()
    {
        var run = SimulateRun.OnText(FailingScenario(), "--json");

        Assert.Equal(SimulateCommand.Failed, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(["name", "passed", "steps"], root.EnumerateObject().Select(property => property.Name));
        Assert.False(root.GetProperty("passed").GetBoolean());

        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([0, 2], steps.Select(step => step.GetProperty("index").GetInt32()));
        Assert.Equal(
            ["index", "kind", "contact", "channel", "from", "rule", "ok", "expected", "trace"],
            steps[1].EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("expected").ValueKind);
        Assert.Equal(JsonValueKind.Null, steps[1].GetProperty("from").ValueKind);
        Assert.Equal("none", steps[1].GetProperty("rule").GetString());
        Assert.False(steps[1].GetProperty("ok").GetBoolean());
        Assert.Equal(Default, steps[1].GetProperty("expected").GetProperty("from").GetString());
        Assert.Equal("unassigned-default", steps[1].GetProperty("expected").GetProperty("rule").GetString());

        var trace = steps[1].GetProperty("trace").EnumerateArray().ToList();
        Assert.Equal(5, trace.Count);
        Assert.Equal(["rule", "outcome", "number", "reason"],
            trace[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal("unassigned-default", trace[3].GetProperty("rule").GetString());
        Assert.Equal("not-applicable", trace[3].GetProperty("outcome").GetString());
        Assert.Equal("no-default", trace[3].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, trace[4].GetProperty("reason").ValueKind);
    }

    [Fact]
    public void Json_option_writes_phone_numbers_unescaped()
    {
        var run = SimulateRun.OnFile(UserNumberChanges, "--json");

        Assert.Contains("\"from\": \"+12025550102\"", run.Output);
    }

    [Fact]
    public void Portal_process_runs_every_public_scenario_and_exits_0()
    {
        var failures = new List<string>();

        foreach (var file in ScenarioFiles.Public)
        {
            var run = PortalCommand.Run(new Dictionary<string, string>(), "simulate", file, "--json");
            if (run.ExitCode != 0 || !run.Output.Contains("\"passed\": true"))
            {
                failures.Add($"{Path.GetFileName(file)} exited {run.ExitCode}:\n{run.Output}{run.Error}");
            }
        }

        Assert.Empty(failures);
    }
}
