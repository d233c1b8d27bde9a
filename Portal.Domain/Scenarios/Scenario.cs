using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

/// <summary>A starting state and the steps to run on it, as a scenario file describes them.</summary>
/// <param name="Name">What the scenario shows, in a sentence.</param>
/// <param name="Numbers">Every number the scenario names.</param>
/// <param name="DefaultOutbound">The account's default outbound number at the start, if any.</param>
/// <param name="Users">The users at the start.</param>
/// <param name="Contacts">The contacts at the start.</param>
/// <param name="Steps">What happens, in order.</param>
public sealed record Scenario(
    string Name,
    IReadOnlyList<ScenarioNumber> Numbers,
    string? DefaultOutbound,
    IReadOnlyList<ScenarioUser> Users,
    IReadOnlyList<ScenarioContact> Contacts,
    IReadOnlyList<ScenarioStep> Steps);

/// <summary>A number of the scenario's account at the start.</summary>
/// <param name="Number">Its E.164 string.</param>
/// <param name="Capabilities">What it can carry.</param>
/// <param name="Released">Whether the account has already given it up.</param>
public sealed record ScenarioNumber(string Number, Capabilities Capabilities, bool Released);

/// <summary>A user at the start of a scenario.</summary>
/// <param name="Id">The id that steps and contacts use.</param>
/// <param name="Inbound">The user's inbound number, if any.</param>
public sealed record ScenarioUser(string Id, string? Inbound);

/// <summary>A contact at the start of a scenario.</summary>
/// <param name="Id">The id that steps use.</param>
/// <param name="AssignedTo">The id of its user, if any.</param>
/// <param name="Previous">The From number of its latest counting send before the scenario starts, if any.</param>
public sealed record ScenarioContact(string Id, string? AssignedTo, string? Previous);
