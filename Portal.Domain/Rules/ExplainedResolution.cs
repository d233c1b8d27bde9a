namespace Portal.Domain.Rules;

/// <summary>A resolution with its trace: every rule from the first up to and including the one that applied.</summary>
public sealed record ExplainedResolution(Resolution Resolution, IReadOnlyList<TraceEntry> Trace)
{
    /// <summary>The From number, or null when rule <c>none</c> applied.</summary>
    public string? From => Resolution.From;

    /// <summary>The rule that applied.</summary>
    public RuleId Rule => Resolution.Rule;
}
