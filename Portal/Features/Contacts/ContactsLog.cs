namespace Portal.Features.Contacts;

/// <summary>What an operator needs to know about contacts: imports (counts, duration) and assignments.</summary>
internal static partial class ContactsLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Information,
        Message = "Contacts imported: {Imported} new, {AlreadyPresent} already stored, {Refused} refused, "
                  + "{Duplicates} duplicates, {Warnings} warnings in {ElapsedMs} ms")]
    public static partial void ContactsImported(
        ILogger logger, int imported, int alreadyPresent, int refused, int duplicates, int warnings, long elapsedMs);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information,
        Message = "Outbound history imported: {Imported} sends, {AlreadyPresent} already stored, {Skipped} skipped, "
                  + "{NumbersCreated} numbers added as released, {ContactsUpdated} previous numbers set "
                  + "in {ElapsedMs} ms")]
    public static partial void HistoryImported(
        ILogger logger, int imported, int alreadyPresent, int skipped, int numbersCreated, int contactsUpdated,
        long elapsedMs);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information,
        Message = "{Actor} assigned {Count} contacts to {User}")]
    public static partial void Assigned(ILogger logger, string actor, int count, string user);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning,
        Message = "{Actor} was refused assigning contacts: {Reason}")]
    public static partial void AssignmentRefused(ILogger logger, string actor, string reason);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information,
        Message = "Contact row refused at line {Line} (phone {MaskedPhone}): {Column}")]
    public static partial void RowRefused(ILogger logger, int line, string maskedPhone, string column);
}
