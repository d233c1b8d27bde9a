using Portal.Domain.Rules;

namespace Portal.Features.Impact;

/// <summary>How many contacts on one channel would move from one From number to another.</summary>
public sealed record NumberMove(Channel Channel, string? From, string? To, int Contacts);

/// <summary>One contact whose From number would change on one channel, with the rules before and after.</summary>
public sealed record ContactMove(
    long ContactId, string Name, Channel Channel, string? From, RuleId RuleBefore, string? To, RuleId RuleAfter);

/// <summary>What a configuration change would do to the contacts' effective numbers.</summary>
public sealed record ImpactReport(
    int ContactsConsidered,
    int SmsChanged,
    int VoiceChanged,
    IReadOnlyList<NumberMove> Moves,
    IReadOnlyList<ContactMove> FirstRows)
{
    public bool ChangesNothing => SmsChanged == 0 && VoiceChanged == 0;
}
