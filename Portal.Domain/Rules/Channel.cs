namespace Portal.Domain.Rules;

/// <summary>The way a message or call reaches a contact; each needs its own capability on the From number.</summary>
public enum Channel
{
    /// <summary>A text message (code <c>sms</c>).</summary>
    Sms,

    /// <summary>A picture or media message (code <c>mms</c>).</summary>
    Mms,

    /// <summary>A call (code <c>voice</c>).</summary>
    Voice,
}
