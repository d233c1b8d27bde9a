namespace Portal.Domain.Rules;

/// <summary>The kebab-case codes that files, the CLI and the API use for channels, rules, outcomes, reasons.</summary>
public static class WireCodes
{
    private static readonly string[] ChannelCodes = ["sms", "mms", "voice"];

    // Indexed by the rule's number, so slot 0 is unused.
    private static readonly string[] RuleCodes =
        ["", "assigned-user-inbound", "previous-number", "assigned-user-default", "unassigned-default", "none"];

    private static readonly string[] OutcomeCodes = ["applied", "not-applicable", "skipped"];

    private static readonly string[] ReasonCodes =
    [
        "unassigned", "assigned", "no-inbound-number", "no-previous-number", "no-default",
        "released", "lacks-sms", "lacks-mms", "lacks-voice",
    ];

    /// <summary>Every channel code, in the order of <see cref="Channel"/>.</summary>
    public static IReadOnlyList<string> Channels { get; } = ChannelCodes;

    /// <summary>Every rule id, in the order the rules are checked.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = RuleCodes[1..];

    /// <summary>The code of a channel: <c>sms</c>, <c>mms</c> or <c>voice</c>.</summary>
    public static string Of(Channel channel) => ChannelCodes[(int)channel];

    /// <summary>The id of a rule, such as <c>assigned-user-inbound</c>.</summary>
    public static string Of(RuleId rule) => RuleCodes[(int)rule];

    /// <summary>The code of an outcome: <c>applied</c>, <c>not-applicable</c> or <c>skipped</c>.</summary>
    public static string Of(RuleOutcome outcome) => OutcomeCodes[(int)outcome];

    /// <summary>The code of a reason, such as <c>no-inbound-number</c> or <c>lacks-mms</c>.</summary>
    public static string Of(TraceReason reason) => ReasonCodes[(int)reason];

    /// <summary>Reads a channel code; false for anything but <c>sms</c>, <c>mms</c> and <c>voice</c>.</summary>
    public static bool TryParseChannel(string code, out Channel channel)
    {
        var index = Array.IndexOf(ChannelCodes, code);
        channel = (Channel)Math.Max(index, 0);

        return index >= 0;
    }

    /// <summary>Reads a rule id; false for anything but the five ids of DESIGN.md §1.</summary>
    public static bool TryParseRule(string code, out RuleId rule)
    {
        var index = Array.IndexOf(RuleCodes, code, 1);
        rule = (RuleId)Math.Max(index, 1);

        return index >= 1;
    }

    /// <summary>Reads a capability code; Twilio and scenario files use the channel codes for capabilities.</summary>
    public static bool TryParseCapability(string code, out Capabilities capability)
    {
        var known = TryParseChannel(code, out var channel);
        capability = known ? channel.Capability() : Capabilities.None;

        return known;
    }
}
