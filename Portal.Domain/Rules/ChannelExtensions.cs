namespace Portal.Domain.Rules;

/// <summary>What each channel asks of a number.</summary>
public static class ChannelExtensions
{
    /// <summary>The capability a number needs to carry this channel.</summary>
    public static Capabilities Capability(this Channel channel) => channel switch
    {
        Channel.Sms => Capabilities.Sms,
        Channel.Mms => Capabilities.Mms,
        _ => Capabilities.Voice,
    };

    /// <summary>The reason given when a number cannot carry this channel.</summary>
    public static TraceReason LacksReason(this Channel channel) => channel switch
    {
        Channel.Sms => TraceReason.LacksSms,
        Channel.Mms => TraceReason.LacksMms,
        _ => TraceReason.LacksVoice,
    };
}
