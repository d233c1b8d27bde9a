namespace Portal.Infrastructure;

/// <summary>Start-up and database events an operator looks for first.</summary>
internal static partial class PortalLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Portal starting in {Environment} against database {DatabaseHost}:{DatabasePort}/{DatabaseName}; "
            + "Twilio {TwilioMode}")]
    public static partial void Starting(
        ILogger logger, string environment, string databaseHost, int databasePort, string databaseName,
        string twilioMode);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Migration {Migration} applied")]
    public static partial void MigrationApplied(ILogger logger, string migration);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Database is up to date ({Count} migrations)")]
    public static partial void DatabaseUpToDate(ILogger logger, int count);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Database {Database} created")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Health check failed: {Reason}")]
    public static partial void HealthCheckFailed(ILogger logger, string reason);
}
