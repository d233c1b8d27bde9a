using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

/// <summary>The JSON shape of a scenario run, shared by <c>simulate --json</c> and the HTTP API.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Steps">The send and resolve steps only.</param>
public sealed record SimulationReport(string Name, bool Passed, IReadOnlyList<StepReport> Steps)
{
    /// <summary>The report of a run, with every code in its wire form.</summary>
    public static SimulationReport Of(ScenarioRun run) =>
        new(run.Name, run.Passed, [.. run.Steps.Select(StepReport.Of)]);
}

/// <summary>One send or resolve step in a <see cref="SimulationReport"/>.</summary>
/// <param name="Index">The step's position among all steps, counted from 0.</param>
/// <param name="Kind"><c>send</c> or <c>resolve</c>.</param>
/// <param name="Contact">The contact's id.</param>
/// <param name="Channel"><c>sms</c>, <c>mms</c> or <c>voice</c>.</param>
/// <param name="From">The From number, or null.</param>
/// <param name="Rule">The id of the rule that applied.</param>
/// <param name="Ok">Whether the step's expectation held.</param>
/// <param name="Expected">The step's expectation, or null.</param>
/// <param name="Trace">The rules from the first up to and including the one that applied.</param>
public sealed record StepReport(
    int Index,
    string Kind,
    string Contact,
    string Channel,
    string? From,
    string Rule,
    bool Ok,
    ExpectationReport? Expected,
    IReadOnlyList<TraceEntryReport> Trace)
{
    /// <summary>The report of one step's result.</summary>
    public static StepReport Of(StepResult step)
    {
        var expected = step.Expected is { } expectation
            ? new ExpectationReport(expectation.From, WireCodes.Of(expectation.Rule))
            : null;

        var resolution = step.Resolution;

        return new StepReport(step.Index, step.Kind, step.Contact, WireCodes.Of(step.Channel), resolution.From,
            WireCodes.Of(resolution.Rule), step.Ok, expected, [.. resolution.Trace.Select(TraceEntryReport.Of)]);
    }
}

/// <summary>What a step expected, in wire form.</summary>
/// <param name="From">The expected From number, or null for none.</param>
/// <param name="Rule">The expected rule id.</param>
public sealed record ExpectationReport(string? From, string Rule);

/// <summary>One trace entry in wire form: <c>{ rule, outcome, number, reason }</c>.</summary>
/// <param name="Rule">The rule id.</param>
/// <param name="Outcome"><c>applied</c>, <c>not-applicable</c> or <c>skipped</c>.</param>
/// <param name="Number">The number the rule offered, or null.</param>
/// <param name="Reason">Why the rule did not apply, or null when it did.</param>
public sealed record TraceEntryReport(string Rule, string Outcome, string? Number, string? Reason)
{
    /// <summary>The wire form of a trace entry.</summary>
    public static TraceEntryReport Of(TraceEntry entry) => new(WireCodes.Of(entry.Rule), WireCodes.Of(entry.Outcome),
        entry.Number, entry.Reason is { } reason ? WireCodes.Of(reason) : null);
}

/// <summary>The JSON shape of an invalid scenario: <c>{ "errors": [ { "path", "message" } ] }</c>.</summary>
/// <param name="Errors">Every problem found.</param>
public sealed record ScenarioErrorsReport(IReadOnlyList<ScenarioProblem> Errors);

/// <summary>How simulation reports are written as JSON: camelCase, nulls written, phone numbers unescaped.</summary>
public static class ReportJson
{
    /// <summary>The options for every simulation report, so that the CLI and the API write the same JSON.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>A run as JSON.</summary>
    public static string Serialize(SimulationReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>The problems of an invalid scenario as JSON.</summary>
    public static string Serialize(ScenarioErrorsReport report) => JsonSerializer.Serialize(report, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = true,

            // The default encoder writes "+" as \u002B, which makes phone numbers unreadable; these reports are
            // never embedded in HTML, so the relaxed encoder is safe.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = ReportJsonContext.Default,
        };
        options.MakeReadOnly();

        return options;
    }
}

[JsonSerializable(typeof(SimulationReport))]
[JsonSerializable(typeof(ScenarioErrorsReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
