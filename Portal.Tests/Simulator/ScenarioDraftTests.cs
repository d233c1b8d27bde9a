using Portal.Domain.Scenarios;
using Portal.Features.Simulator;
using Portal.Tests.Scenarios;

namespace Portal.Tests.Simulator;

public sealed class ScenarioDraftTests
{
    public static TheoryData<string> PublicScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in ScenarioFiles.Public)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicScenarios))]
    public void A_scenario_opened_in_the_simulator_exports_to_the_same_scenario(string file)
    {
        var original = ScenarioParser.Parse(File.ReadAllText(ScenarioFiles.PathOf(file))).Scenario!;

        var exported = ScenarioParser.Parse(ScenarioDraft.From(original).ToJson());

        Assert.True(exported.IsValid, string.Join("; ", exported.Problems.Select(p => $"{p.Path}: {p.Message}")));
        Assert.Equal(
            ReportJson.Serialize(SimulationReport.Of(ScenarioRunner.Run(original))),
            ReportJson.Serialize(SimulationReport.Of(ScenarioRunner.Run(exported.Scenario!))));
        Assert.Equal(original.Steps, exported.Scenario!.Steps);
        Assert.Equal(original.Numbers, exported.Scenario.Numbers);
    }

    [Fact]
    public void Reassigning_a_contacted_contact_to_a_user_with_an_inbound_number_marks_the_rule_change()
    {
        var draft = ScenarioDraft.Blank();
        draft.Steps.Add(new ScenarioDraft.StepDraft { Kind = "assign", Contact = "c1", User = "alice" });
        draft.Steps.Add(new ScenarioDraft.StepDraft { Kind = "send", Contact = "c1" });

        var evaluation = SimulatorEvaluation.Of(draft);

        Assert.True(evaluation.IsValid);
        var (first, last) = (evaluation.Steps[0], evaluation.Steps[2]);
        Assert.Equal(("+12025550100", false), (first.Result.Resolution.From, first.RuleChanged));
        Assert.Equal(("+12025550101", true), (last.Result.Resolution.From, last.RuleChanged));
    }

    [Fact]
    public void A_draft_with_a_mistake_shows_the_path_and_runs_nothing()
    {
        var draft = ScenarioDraft.Blank();
        draft.Steps.Add(new ScenarioDraft.StepDraft { Kind = "setInbound", User = "carol", Number = "+12025550101" });

        var evaluation = SimulatorEvaluation.Of(draft);

        Assert.False(evaluation.IsValid);
        Assert.Empty(evaluation.Steps);
        Assert.Contains(evaluation.Problems, p => p.Path == "steps[1].setInbound.number");
    }
}
