namespace Portal.Domain.Rules;

/// <summary>
/// Everything the rules need about one contact, shaped to be filled from one SQL row: whether it is assigned,
/// its user's inbound number, its previous number and the account's default outbound number.
/// </summary>
/// <param name="IsAssigned">Whether the contact is assigned to an (always active) user.</param>
/// <param name="Inbound">The assigned user's inbound number; ignored when the contact is unassigned.</param>
/// <param name="Previous">The From number of the contact's latest counting send.</param>
/// <param name="Default">The account's default outbound number.</param>
public readonly record struct ContactFacts(
    bool IsAssigned,
    NumberFacts? Inbound,
    NumberFacts? Previous,
    NumberFacts? Default);
