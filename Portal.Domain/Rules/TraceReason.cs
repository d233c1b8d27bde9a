namespace Portal.Domain.Rules;

/// <summary>Why a rule did not apply; pages turn these codes into sentences.</summary>
public enum TraceReason
{
    /// <summary><c>unassigned</c>: the rule is for assigned contacts and this one has no user.</summary>
    Unassigned,

    /// <summary><c>assigned</c>: the rule is for unassigned contacts and this one has a user.</summary>
    Assigned,

    /// <summary><c>no-inbound-number</c>: the assigned user has no inbound number.</summary>
    NoInboundNumber,

    /// <summary><c>no-previous-number</c>: the contact has no counting send yet.</summary>
    NoPreviousNumber,

    /// <summary><c>no-default</c>: the account has no default outbound number.</summary>
    NoDefault,

    /// <summary><c>released</c>: the account gave the number up.</summary>
    Released,

    /// <summary><c>lacks-sms</c>: the number cannot send text messages.</summary>
    LacksSms,

    /// <summary><c>lacks-mms</c>: the number cannot send media messages.</summary>
    LacksMms,

    /// <summary><c>lacks-voice</c>: the number cannot make calls.</summary>
    LacksVoice,
}
