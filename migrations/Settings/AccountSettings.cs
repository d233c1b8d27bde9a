using Portal.Database.Numbers;

namespace Portal.Database.Settings;

/// <summary>The account-wide settings: one row, id 1.</summary>
public class AccountSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The number contacts go out from when no user's inbound number or previous number applies.</summary>
    public long? DefaultOutboundNumberId { get; set; }

    public TwilioNumber? DefaultOutboundNumber { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The email of the admin who changed the settings last.</summary>
    public string? UpdatedBy { get; set; }

    public uint Version { get; set; }
}
