using Portal.Domain.Scenarios;

namespace Portal.Tests.Scenarios;

public class PublicScenarioTests
{
    public static TheoryData<string> Files => [.. ScenarioFiles.Public.Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void All_six_public_scenarios_are_found()
    {
        var files = Files;

        Assert.Equal(6, files.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Public_scenario_holds_every_expectation(string fileName)
    {
        var parsed = ScenarioParser.Parse(File.ReadAllText(ScenarioFiles.PathOf(fileName)));
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems.Select(p => $"{p.Path}: {p.Message}")));

        var run = ScenarioRunner.Run(parsed.Scenario);

        Assert.NotEmpty(run.Steps);
        Assert.All(run.Steps, step => Assert.NotNull(step.Expected));
        Assert.All(run.Steps, step => Assert.True(step.Ok,
            $"step {step.Index}: got {step.Resolution.From} {step.Resolution.Rule}, expected {step.Expected}"));
    }
}
