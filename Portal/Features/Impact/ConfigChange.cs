namespace Portal.Features.Impact;

/// <summary>A configuration change an admin is about to save, as the impact preview sees it.</summary>
public abstract record ConfigChange
{
    private ConfigChange()
    {
    }

    /// <summary>Set (or with null, clear) a user's inbound number.</summary>
    public sealed record SetInbound(string UserId, long? NumberId) : ConfigChange;

    /// <summary>Set (or with null, clear) the account's default outbound number.</summary>
    public sealed record SetDefault(long? NumberId) : ConfigChange;

    /// <summary>Mark a number as released: the account no longer owns it.</summary>
    public sealed record ReleaseNumber(long NumberId) : ConfigChange;

    /// <summary>Deactivate a user: inbound number cleared, contacts moved to another user or to none.</summary>
    public sealed record DeactivateUser(string UserId, string? ReassignToUserId) : ConfigChange;
}
