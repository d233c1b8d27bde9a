using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

/// <summary>What running a scenario gave: one result for each send and resolve step.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Steps">The send and resolve steps' results, in order.</param>
public sealed record ScenarioRun(string Name, IReadOnlyList<StepResult> Steps)
{
    /// <summary>Whether every expectation held.</summary>
    public bool Passed => Steps.All(step => step.Ok);
}

/// <summary>The resolution one send or resolve step made, and whether it met the step's expectation.</summary>
/// <param name="Index">The step's position among all steps, counted from 0.</param>
/// <param name="Kind"><c>send</c> or <c>resolve</c>.</param>
/// <param name="Contact">The contact's id.</param>
/// <param name="Channel">The channel resolved for.</param>
/// <param name="Resolution">The From number, the rule and the trace.</param>
/// <param name="Expected">What the step expected, or null when it expected nothing.</param>
public sealed record StepResult(
    int Index,
    string Kind,
    string Contact,
    Channel Channel,
    ExplainedResolution Resolution,
    Expectation? Expected)
{
    /// <summary>Whether the resolution is what the step expected; always true without an expectation.</summary>
    public bool Ok => Expected is null || (Expected.From == Resolution.From && Expected.Rule == Resolution.Rule);
}
