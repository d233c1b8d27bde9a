using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

/// <summary>One thing that happens in a scenario.</summary>
public abstract record ScenarioStep
{
    /// <summary>The step's name in a scenario file, such as <c>send</c> or <c>setInbound</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary>A step that resolves a contact's From number and may check it against an expectation.</summary>
/// <param name="Contact">The contact's id.</param>
/// <param name="Channel">The channel to resolve for.</param>
/// <param name="Expect">What the resolution must give, or null when anything goes.</param>
public abstract record ResolvingStep(string Contact, Channel Channel, Expectation? Expect) : ScenarioStep;

/// <summary>Resolves, and when there is a number, sends from it so it becomes the contact's previous number.</summary>
/// <param name="Contact">The contact's id.</param>
/// <param name="Channel">The channel to send on.</param>
/// <param name="Expect">What the resolution must give, or null when anything goes.</param>
public sealed record SendStep(string Contact, Channel Channel, Expectation? Expect)
    : ResolvingStep(Contact, Channel, Expect)
{
    /// <inheritdoc />
    public override string Kind => "send";
}

/// <summary>Resolves without sending: nothing changes.</summary>
/// <param name="Contact">The contact's id.</param>
/// <param name="Channel">The channel to resolve for.</param>
/// <param name="Expect">What the resolution must give, or null when anything goes.</param>
public sealed record ResolveStep(string Contact, Channel Channel, Expectation? Expect)
    : ResolvingStep(Contact, Channel, Expect)
{
    /// <inheritdoc />
    public override string Kind => "resolve";
}

/// <summary>Assigns a contact to a user.</summary>
/// <param name="Contact">The contact's id.</param>
/// <param name="User">The user's id.</param>
public sealed record AssignStep(string Contact, string User) : ScenarioStep
{
    /// <inheritdoc />
    public override string Kind => "assign";
}

/// <summary>Leaves a contact unassigned.</summary>
/// <param name="Contact">The contact's id.</param>
public sealed record UnassignStep(string Contact) : ScenarioStep
{
    /// <inheritdoc />
    public override string Kind => "unassign";
}

/// <summary>Sets a user's inbound number, or clears it.</summary>
/// <param name="User">The user's id.</param>
/// <param name="Number">The new inbound number, or null to clear it.</param>
public sealed record SetInboundStep(string User, string? Number) : ScenarioStep
{
    /// <inheritdoc />
    public override string Kind => "setInbound";
}

/// <summary>Sets the account's default outbound number, or clears it.</summary>
/// <param name="Number">The new default, or null to clear it.</param>
public sealed record SetDefaultStep(string? Number) : ScenarioStep
{
    /// <inheritdoc />
    public override string Kind => "setDefault";
}

/// <summary>The account gives an owned number up; it stays where it is configured but is no longer usable.</summary>
/// <param name="Number">The number.</param>
public sealed record ReleaseStep(string Number) : ScenarioStep
{
    /// <inheritdoc />
    public override string Kind => "release";
}

/// <summary>The account gets a released (or not yet owned) number, with the capabilities given.</summary>
/// <param name="Number">The number.</param>
/// <param name="Capabilities">What it can carry from now on, replacing what was listed.</param>
public sealed record AcquireStep(string Number, Capabilities Capabilities) : ScenarioStep
{
    /// <inheritdoc />
    public override string Kind => "acquire";
}

/// <summary>What a send or resolve step must give.</summary>
/// <param name="From">The From number, or null for none.</param>
/// <param name="Rule">The rule that must apply.</param>
public sealed record Expectation(string? From, RuleId Rule);
