namespace Portal.Domain.Rules;

/// <summary>What a Twilio number can carry, as Twilio reports it for each number.</summary>
[Flags]
public enum Capabilities
{
    /// <summary>The number can carry nothing.</summary>
    None = 0,

    /// <summary>Text messages.</summary>
    Sms = 1,

    /// <summary>Picture and media messages.</summary>
    Mms = 2,

    /// <summary>Calls.</summary>
    Voice = 4,

    /// <summary>Everything a channel can ask for.</summary>
    All = Sms | Mms | Voice,
}
