namespace Portal.Features.Numbers;

/// <summary>What an operator needs from the numbers feature: syncs (counts, duration), changes and refusals.</summary>
internal static partial class NumbersLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Number sync by {Actor}: {Read} read, {Added} added, {Updated} updated, {Reactivated} reactivated, "
                  + "{Released} released, {Problems} left out ({ElapsedMs} ms)")]
    public static partial void Synced(
        ILogger logger, string actor, int read, int added, int updated, int reactivated, int released, int problems,
        long elapsedMs);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning,
        Message = "Number sync by {Actor} failed: Twilio status {Status}, timed out {TimedOut}; nothing changed "
                  + "({ElapsedMs} ms)")]
    public static partial void SyncFailed(ILogger logger, string actor, int? status, bool timedOut, long elapsedMs);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning,
        Message = "Number sync by {Actor} conflicted with a concurrent change; nothing changed")]
    public static partial void SyncConflicted(ILogger logger, string actor);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Refused {Change} for {User}: not an admin")]
    public static partial void Refused(ILogger logger, string user, string change);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information,
        Message = "Default outbound number set by {Actor}: {Before} -> {After}")]
    public static partial void DefaultSet(ILogger logger, string actor, string before, string after);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning,
        Message = "Refused {Change} by {Actor}: changed by {ChangedBy} at {ChangedAt} since it was read")]
    public static partial void StaleRefused(
        ILogger logger, string change, string actor, string changedBy, DateTimeOffset? changedAt);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "Number {Number} marked released by {Actor}")]
    public static partial void MarkedReleased(ILogger logger, string number, string actor);
}
