namespace Portal.Domain.Rules;

/// <summary>One line of a resolution's trace: a rule, what happened to it, the number involved and why.</summary>
public readonly record struct TraceEntry(RuleId Rule, RuleOutcome Outcome, string? Number, TraceReason? Reason)
{
    /// <summary>The rule gave the From number; null for rule <c>none</c>.</summary>
    public static TraceEntry Applied(RuleId rule, string? number) => new(rule, RuleOutcome.Applied, number, null);

    /// <summary>The rule's input is absent.</summary>
    public static TraceEntry NotApplicable(RuleId rule, TraceReason reason) =>
        new(rule, RuleOutcome.NotApplicable, null, reason);

    /// <summary>The rule's number exists but cannot carry the channel.</summary>
    public static TraceEntry Skipped(RuleId rule, string number, TraceReason reason) =>
        new(rule, RuleOutcome.Skipped, number, reason);
}
