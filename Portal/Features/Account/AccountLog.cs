namespace Portal.Features.Account;

/// <summary>What an operator needs to know about logins. Never a password.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Login succeeded for {Email}")]
    public static partial void LoginSucceeded(ILogger logger, string email);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Login failed for {Email}: {Outcome}")]
    public static partial void LoginFailed(ILogger logger, string email, string outcome);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Logout by {Email}")]
    public static partial void LoggedOut(ILogger logger, string email);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Logout refused for {Email}: the request had no valid antiforgery token")]
    public static partial void LogoutRefused(ILogger logger, string email);
}
