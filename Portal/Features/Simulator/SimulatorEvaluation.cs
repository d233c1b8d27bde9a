using Portal.Domain.Scenarios;

namespace Portal.Features.Simulator;

/// <summary>A send or resolve step's outcome, and whether its rule differs from the contact's step before.</summary>
public sealed record SimulatedStep(StepResult Result, bool RuleChanged);

/// <summary>What the simulator shows for a draft: the problems that stop it running, or each step's outcome.</summary>
public sealed record SimulatorEvaluation(
    string Json, IReadOnlyList<ScenarioProblem> Problems, IReadOnlyDictionary<int, SimulatedStep> Steps, bool Passed)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Parses and runs the draft exactly as the simulate command would run its exported file.</summary>
    public static SimulatorEvaluation Of(ScenarioDraft draft)
    {
        var json = draft.ToJson();
        var parsed = ScenarioParser.Parse(json);
        if (!parsed.IsValid)
        {
            return new SimulatorEvaluation(json, parsed.Problems, new Dictionary<int, SimulatedStep>(), false);
        }

        var run = ScenarioRunner.Run(parsed.Scenario!);
        var steps = new Dictionary<int, SimulatedStep>();
        var lastRuleOf = new Dictionary<string, Portal.Domain.Rules.RuleId>();
        foreach (var step in run.Steps)
        {
            var changed = lastRuleOf.TryGetValue(step.Contact, out var before) && before != step.Resolution.Rule;
            lastRuleOf[step.Contact] = step.Resolution.Rule;
            steps[step.Index] = new SimulatedStep(step, changed);
        }

        return new SimulatorEvaluation(json, [], steps, run.Passed);
    }
}
