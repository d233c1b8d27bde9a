using System.Diagnostics.CodeAnalysis;

namespace Portal.Domain.Scenarios;

/// <summary>A scenario read from JSON, or every problem that keeps it from running.</summary>
public sealed class ScenarioParseResult
{
    private ScenarioParseResult(Scenario? scenario, IReadOnlyList<ScenarioProblem> problems)
    {
        Scenario = scenario;
        Problems = problems;
    }

    /// <summary>The scenario, when the file is valid.</summary>
    public Scenario? Scenario { get; }

    /// <summary>Every problem found, in the order of the file; empty when the file is valid.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    /// <summary>Whether the file is valid, so that <see cref="Scenario"/> can run.</summary>
    [MemberNotNullWhen(true, nameof(Scenario))]
    public bool IsValid => Scenario is not null;

    internal static ScenarioParseResult Valid(Scenario scenario) => new(scenario, []);

    internal static ScenarioParseResult Invalid(IReadOnlyList<ScenarioProblem> problems) => new(null, problems);
}
