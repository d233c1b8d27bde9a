namespace Portal.Domain.Rules;

/// <summary>One Twilio number as the rules see it: E.164 string, whether it was released, what it can carry.</summary>
public readonly record struct NumberFacts(string Number, bool IsReleased, Capabilities Capabilities)
{
    /// <summary>A number the account holds.</summary>
    public static NumberFacts Owned(string number, Capabilities capabilities) => new(number, false, capabilities);

    /// <summary>A number the account gave up; it can still be configured somewhere but carries nothing.</summary>
    public static NumberFacts Released(string number, Capabilities capabilities) => new(number, true, capabilities);

    /// <summary>Whether the number is still owned and can carry the channel.</summary>
    public bool IsUsableFor(Channel channel) => !IsReleased && (Capabilities & channel.Capability()) != 0;

    /// <summary>Why the number cannot carry the channel, or null when it can; being released wins.</summary>
    public TraceReason? UnusableReason(Channel channel)
    {
        if (IsReleased)
        {
            return TraceReason.Released;
        }

        return (Capabilities & channel.Capability()) != 0 ? null : channel.LacksReason();
    }
}
