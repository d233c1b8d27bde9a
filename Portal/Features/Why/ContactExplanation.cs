using Portal.Domain.Rules;

namespace Portal.Features.Why;

/// <summary>The From number on one channel, the rule in plain words, and the whole trace.</summary>
public sealed record ChannelAnswer(Channel Channel, ExplainedResolution Resolution, string Plainly);

/// <summary>One fact that matters to a contact's number, at a point in time.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Text);

/// <summary>A past send with the number used and the rule that chose it at the time.</summary>
public sealed record PastSend(
    DateTimeOffset SentAt, string Channel, string From, string Status, bool Counts, string? Rule, string Source);

/// <summary>Everything the "why this number?" page shows for one contact.</summary>
public sealed record ContactExplanation(
    long ContactId,
    string ExternalId,
    string Name,
    string? Phone,
    string? Email,
    string? AssignedUser,
    DateTimeOffset? AssignedSince,
    IReadOnlyList<ChannelAnswer> Channels,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<PastSend> Sends);
