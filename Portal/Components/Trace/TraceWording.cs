using Portal.Domain.Rules;

namespace Portal.Components.Trace;

/// <summary>The trace's codes as sentences for people; programs read the codes themselves.</summary>
public static class TraceWording
{
    public static string RuleName(RuleId rule) => rule switch
    {
        RuleId.AssignedUserInbound => "Assigned user's inbound number",
        RuleId.PreviousNumber => "Number used last with this contact",
        RuleId.AssignedUserDefault => "Default number (assigned user has no usable inbound number)",
        RuleId.UnassignedDefault => "Default number (contact is unassigned)",
        _ => "No number",
    };

    public static string Sentence(TraceEntry entry, Channel channel) => entry.Outcome switch
    {
        RuleOutcome.Applied when entry.Rule == RuleId.None =>
            "No number can be used. Set a default outbound number that can " + Verb(channel)
            + ", or give the assigned user an inbound number that can.",
        RuleOutcome.Applied => $"Applies: {entry.Number} goes out as the From number.",
        RuleOutcome.Skipped => $"Skipped: {entry.Number} {Why(entry.Reason, channel)}.",
        _ => $"Does not apply: {Why(entry.Reason, channel)}.",
    };

    public static string Why(TraceReason? reason, Channel channel) => reason switch
    {
        TraceReason.Unassigned => "the contact is not assigned to a user",
        TraceReason.Assigned => "the contact is assigned to a user",
        TraceReason.NoInboundNumber => "the assigned user has no inbound number",
        TraceReason.NoPreviousNumber => "nothing has been sent to this contact yet that counts",
        TraceReason.NoDefault => "no default outbound number is set",
        TraceReason.Released => "has been released: the account no longer owns it",
        TraceReason.LacksSms => "cannot send SMS",
        TraceReason.LacksMms => "cannot send MMS",
        TraceReason.LacksVoice => "cannot make calls",
        _ => "",
    };

    private static string Verb(Channel channel) => channel switch
    {
        Channel.Voice => "make calls",
        Channel.Mms => "send MMS",
        _ => "send SMS",
    };
}
