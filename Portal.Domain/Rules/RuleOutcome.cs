namespace Portal.Domain.Rules;

/// <summary>What happened to one rule during a resolution.</summary>
public enum RuleOutcome
{
    /// <summary>The rule gave the From number (or, for <see cref="RuleId.None"/>, no number).</summary>
    Applied,

    /// <summary>The rule's input is absent, so it has no number to offer.</summary>
    NotApplicable,

    /// <summary>The rule offered a number that cannot carry the channel.</summary>
    Skipped,
}
