namespace Portal.Features.Numbers;

/// <summary>The answer to an admin's save: done, or refused with a message that says what to do.</summary>
public sealed record ChangeResult(bool Saved, string Message)
{
    public static ChangeResult Done(string message) => new(true, message);

    public static ChangeResult Refused(string message) => new(false, message);

    /// <summary>The refusal when someone else saved since the admin read: "changed by X at T, reload".</summary>
    public static ChangeResult Stale(string what, string? changedBy, DateTimeOffset? changedAt) =>
        Refused($"{what} was changed by {changedBy ?? "someone else"} at {When(changedAt)} since you read it. "
                + "Reload, then make your change again.");

    public static string When(DateTimeOffset? at) =>
        at is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'") : "an unknown time";
}
