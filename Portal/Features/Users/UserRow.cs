using Portal.Domain.Rules;

namespace Portal.Features.Users;

/// <summary>One user as the Users page lists them, with the row version an edit starts from.</summary>
public sealed record UserRow(
    string Id,
    string DisplayName,
    string Email,
    string Role,
    bool IsActive,
    InboundNumberChoice? InboundNumber,
    int Contacts,
    uint Version,
    DateTimeOffset? ConfigUpdatedAt,
    string? ConfigUpdatedBy)
{
    public string Name => DisplayName.Length > 0 ? DisplayName : Email;
}

/// <summary>A number that can be, or is, a user's inbound number.</summary>
public sealed record InboundNumberChoice(long Id, string E164, Capabilities Capabilities, bool IsReleased)
{
    public string Spaced => NumberSpelling.Spaced(E164);

    public string National => NumberSpelling.National(E164);

    /// <summary>"SMS, MMS, Voice": what the number carries, in words.</summary>
    public string CapabilityWords => Words(Capabilities);

    public static string Words(Capabilities capabilities)
    {
        var words = new List<string>();
        if (capabilities.HasFlag(Capabilities.Sms))
        {
            words.Add("SMS");
        }

        if (capabilities.HasFlag(Capabilities.Mms))
        {
            words.Add("MMS");
        }

        if (capabilities.HasFlag(Capabilities.Voice))
        {
            words.Add("Voice");
        }

        return words.Count > 0 ? string.Join(", ", words) : "nothing";
    }

    public override string ToString() => $"{Spaced} ({CapabilityWords})";
}

/// <summary>What an admin fills in to create a user; a blank password means "generate one".</summary>
public sealed record NewUser(string DisplayName, string Email, string Role, string? Password);

/// <summary>A user just created, with the initial password to hand over once; only its hash is stored.</summary>
public sealed record CreatedUser(string Id, string Email, string InitialPassword);
