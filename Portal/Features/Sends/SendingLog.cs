namespace Portal.Features.Sends;

/// <summary>What an operator needs about test sends and Twilio's reports on them; phone numbers masked.</summary>
internal static partial class SendingLog
{
    [LoggerMessage(EventId = 610, Level = LogLevel.Information,
        Message = "Test {Channel} to contact {ContactId} ({To}) from {From}: {Outcome}, SID {Sid}, by {Actor}")]
    public static partial void Sent(ILogger logger, string channel, long contactId, string to, string from,
        string outcome, string? sid, string actor);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning,
        Message = "Test {Channel} to contact {ContactId} refused for {Actor}: {Reason}")]
    public static partial void Refused(ILogger logger, string channel, long contactId, string actor, string reason);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning,
        Message = "Twilio refused the test {Channel} to contact {ContactId} ({To}) from {From}: error {Code}, "
                  + "HTTP {Status}; nothing recorded")]
    public static partial void TwilioRefused(ILogger logger, string channel, long contactId, string to, string from,
        int code, int status);

    [LoggerMessage(EventId = 613, Level = LogLevel.Warning,
        Message = "Test {Channel} to contact {ContactId} ({To}) from {From} may or may not have reached Twilio "
                  + "({Failure}); send {SendId} recorded as unknown")]
    public static partial void Unknown(ILogger logger, string channel, long contactId, string to, string from,
        string failure, long sendId);

    [LoggerMessage(EventId = 620, Level = LogLevel.Information,
        Message = "Send {SendId} of contact {ContactId}: status {Before} -> {After}, SID {Sid}")]
    public static partial void StatusChanged(ILogger logger, long sendId, long contactId, string before, string after,
        string? sid);

    [LoggerMessage(EventId = 621, Level = LogLevel.Information,
        Message = "Status {Status} for send {SendId} / SID {Sid} matches no recorded send; ignored")]
    public static partial void StatusForUnknownSend(ILogger logger, long? sendId, string? sid, string status);

    [LoggerMessage(EventId = 622, Level = LogLevel.Warning,
        Message = "Status report for send {SendId} names SID {Reported}, but the send has SID {Recorded}; ignored")]
    public static partial void StatusConflicts(ILogger logger, long sendId, string recorded, string reported);

    [LoggerMessage(EventId = 623, Level = LogLevel.Warning,
        Message = "Status callback refused with 403: {Reason} (URL checked: {Url})")]
    public static partial void CallbackRefused(ILogger logger, string reason, string url);

    /// <summary>A contact's phone in a log line: the last four digits only.</summary>
    public static string Mask(string? phone) =>
        phone is { Length: > 4 } ? new string('*', phone.Length - 4) + phone[^4..] : "****";
}
