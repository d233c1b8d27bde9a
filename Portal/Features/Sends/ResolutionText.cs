using Portal.Domain.Rules;

namespace Portal.Features.Sends;

/// <summary>A resolution's trace in sentences, for people; the wire codes stay for programs.</summary>
public static class ResolutionText
{
    public static string Of(TraceEntry entry)
    {
        var rule = WireCodes.Of(entry.Rule);
        return entry.Outcome switch
        {
            RuleOutcome.Applied when entry.Number is null => $"{rule}: no rule yields a number.",
            RuleOutcome.Applied => $"{rule}: {entry.Number} is the From number.",
            _ => $"{rule}: {Reason(entry)}.",
        };
    }

    /// <summary>What to configure when rule none applies, naming the numbers that were passed over.</summary>
    public static string NothingToSendFrom(string contactName, Channel channel, ExplainedResolution resolution)
    {
        var skipped = resolution.Trace.Where(e => e.Outcome == RuleOutcome.Skipped).Select(Reason).Distinct().ToList();
        var why = skipped.Count == 0 ? "" : " (" + string.Join("; ", skipped) + ")";
        var assigned = !resolution.Trace.Any(e => e.Reason == TraceReason.Unassigned);
        var fix = assigned
            ? $"give the assigned user an inbound number that can {Action(channel)}, or set a default outbound number "
              + "that can on the Settings page"
            : $"set a default outbound number that can {Action(channel)} on the Settings page";
        return $"No number can {Action(channel)} to {contactName}{why}: {fix}.";
    }

    /// <summary>What a number must be able to do for the channel: "send text messages", "make calls".</summary>
    public static string Action(Channel channel) => channel switch
    {
        Channel.Sms => "send text messages",
        Channel.Mms => "send media messages",
        _ => "make calls",
    };

    private static string Reason(TraceEntry entry) => entry.Reason switch
    {
        TraceReason.Unassigned => "the contact has no assigned user",
        TraceReason.Assigned => "the contact has an assigned user",
        TraceReason.NoInboundNumber => "the assigned user has no inbound number",
        TraceReason.NoPreviousNumber => "no counting send to the contact yet",
        TraceReason.NoDefault => "the account has no default outbound number",
        TraceReason.Released => $"{entry.Number} was released",
        TraceReason.LacksSms => $"{entry.Number} cannot send text messages",
        TraceReason.LacksMms => $"{entry.Number} cannot send media messages",
        TraceReason.LacksVoice => $"{entry.Number} cannot make calls",
        _ => "",
    };
}
