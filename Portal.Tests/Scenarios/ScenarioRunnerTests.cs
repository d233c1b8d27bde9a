using Portal.Domain.Rules;
using Portal.Domain.Scenarios;
using static Portal.Tests.Scenarios.ScenarioJson;

namespace Portal.Tests.Scenarios;

public class ScenarioRunnerTests
{
    private static ScenarioRun Run(params string[] steps)
    {
        var parsed = ScenarioParser.Parse(WithSteps(steps));
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems.Select(p => $"{p.Path}: {p.Message}")));

        return ScenarioRunner.Run(parsed.Scenario);
    }

    private static Resolution At(ScenarioRun run, int stepIndex) =>
        run.Steps.Single(step => step.Index == stepIndex).Resolution.Resolution;

    [Fact]
    public void Send_makes_its_from_number_the_contacts_previous_number()
    {
        var run = Run(
            """{ "send": { "contact": "c2", "channel": "sms" } }""",
            $$"""{ "setDefault": { "number": "{{AliceInbound}}" } }""",
            """{ "resolve": { "contact": "c2", "channel": "sms" } }""");

        Assert.Equal(new Resolution(Default, RuleId.UnassignedDefault), At(run, 0));
        Assert.Equal(new Resolution(Default, RuleId.PreviousNumber), At(run, 2));
    }

    [Fact]
    public void Resolve_leaves_the_previous_number_as_it_was()
    {
        var run = Run(
            """{ "resolve": { "contact": "c2", "channel": "sms" } }""",
            $$"""{ "setDefault": { "number": "{{AliceInbound}}" } }""",
            """{ "resolve": { "contact": "c2", "channel": "sms" } }""");

        Assert.Equal(new Resolution(AliceInbound, RuleId.UnassignedDefault), At(run, 2));
    }

    [Fact]
    public void Send_without_a_number_keeps_the_previous_number_for_later()
    {
        var run = Run(
            """{ "send": { "contact": "c2", "channel": "sms" } }""",
            $$"""{ "release": { "number": "{{Default}}" } }""",
            """{ "send": { "contact": "c2", "channel": "sms" } }""",
            $$"""{ "acquire": { "number": "{{Default}}", "capabilities": ["sms"] } }""",
            """{ "send": { "contact": "c2", "channel": "sms" } }""");

        Assert.Equal(new Resolution(null, RuleId.None), At(run, 2));
        Assert.Equal(new Resolution(Default, RuleId.PreviousNumber), At(run, 4));
    }

    [Fact]
    public void Acquire_replaces_the_capabilities_of_the_number()
    {
        var run = Run(
            $$"""{ "setDefault": { "number": "{{Spare}}" } }""",
            """{ "resolve": { "contact": "c2", "channel": "voice" } }""",
            $$"""{ "acquire": { "number": "{{Spare}}", "capabilities": ["voice"] } }""",
            """{ "resolve": { "contact": "c2", "channel": "voice" } }""",
            """{ "resolve": { "contact": "c2", "channel": "sms" } }""");

        Assert.Equal(new Resolution(null, RuleId.None), At(run, 1));
        Assert.Equal(new Resolution(Spare, RuleId.UnassignedDefault), At(run, 3));
        Assert.Equal(new Resolution(null, RuleId.None), At(run, 4));
    }

    [Fact]
    public void Released_inbound_number_is_skipped_with_its_reason_in_the_trace()
    {
        var run = Run(
            $$"""{ "release": { "number": "{{AliceInbound}}" } }""",
            """{ "resolve": { "contact": "c1", "channel": "sms" } }""");

        var trace = TraceTextOf(run, 1);

        Assert.Equal($"assigned-user-inbound skipped {AliceInbound} released", trace[0]);
        Assert.Equal($"assigned-user-default applied {Default} -", trace[^1]);
    }

    [Fact]
    public void Reassigned_contact_moves_to_the_new_users_number()
    {
        var run = Run(
            """{ "send": { "contact": "c1", "channel": "sms" } }""",
            """{ "assign": { "contact": "c1", "user": "bob" } }""",
            """{ "send": { "contact": "c1", "channel": "sms" } }""");

        Assert.Equal(new Resolution(BobInbound, RuleId.AssignedUserInbound), At(run, 2));
    }

    [Fact]
    public void Contact_keeps_its_number_when_its_new_user_has_no_inbound_number()
    {
        var run = Run(
            """{ "send": { "contact": "c1", "channel": "sms" } }""",
            """{ "assign": { "contact": "c1", "user": "carol" } }""",
            """{ "resolve": { "contact": "c1", "channel": "sms" } }""",
            """{ "unassign": { "contact": "c1" } }""",
            """{ "resolve": { "contact": "c1", "channel": "sms" } }""");

        Assert.Equal(new Resolution(AliceInbound, RuleId.PreviousNumber), At(run, 2));
        Assert.Equal(new Resolution(AliceInbound, RuleId.PreviousNumber), At(run, 4));
    }

    [Fact]
    public void Inbound_number_moves_to_another_user_once_cleared()
    {
        var run = Run(
            """{ "setInbound": { "user": "alice", "number": null } }""",
            $$"""{ "setInbound": { "user": "carol", "number": "{{AliceInbound}}" } }""",
            """{ "assign": { "contact": "c2", "user": "carol" } }""",
            """{ "resolve": { "contact": "c2", "channel": "mms" } }""",
            """{ "resolve": { "contact": "c1", "channel": "mms" } }""");

        Assert.Equal(new Resolution(AliceInbound, RuleId.AssignedUserInbound), At(run, 3));
        Assert.Equal(new Resolution(Default, RuleId.AssignedUserDefault), At(run, 4));
    }

    [Fact]
    public void Cleared_default_leaves_a_new_contact_with_no_number()
    {
        var run = Run(
            """{ "setDefault": { "number": null } }""",
            """{ "send": { "contact": "c2", "channel": "sms" } }""");

        Assert.Equal(new Resolution(null, RuleId.None), At(run, 1));
    }

    [Fact]
    public void Expectation_that_does_not_hold_fails_the_run_and_only_its_step()
    {
        var holds = $$"""{ "from": "{{AliceInbound}}", "rule": "assigned-user-inbound" }""";
        var run = Run(
            $$"""{ "resolve": { "contact": "c1", "channel": "sms" }, "expect": {{holds}} }""",
            """{ "resolve": { "contact": "c1", "channel": "sms" }, "expect": { "from": null, "rule": "none" } }""",
            """{ "resolve": { "contact": "c2", "channel": "sms" } }""");

        Assert.False(run.Passed);
        Assert.Equal([true, false, true], run.Steps.Select(step => step.Ok));
    }

    private static string[] TraceTextOf(ScenarioRun run, int stepIndex) =>
        Rules.TraceText.Of(run.Steps.Single(step => step.Index == stepIndex).Resolution);
}
