namespace Portal.Domain.Rules;

/// <summary>The From number for one contact and channel (null when there is none) and the rule that chose it.</summary>
public readonly record struct Resolution(string? From, RuleId Rule);
