namespace Portal.Features.Users;

/// <summary>What an operator needs to know about changes to users: who changed what, and what was refused.</summary>
internal static partial class UsersLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Actor} created user {Email} as {Role}")]
    public static partial void Created(ILogger logger, string actor, string email, string role);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "{Actor} changed the role of {Email} from {Before} to {After}")]
    public static partial void RoleChanged(ILogger logger, string actor, string email, string before, string after);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "{Actor} changed the inbound number of {Email} from {Before} to {After}")]
    public static partial void InboundNumberChanged(
        ILogger logger, string actor, string email, string before, string after);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "{Actor} deactivated {Email}; {Contacts} contacts moved to {ReassignedTo}")]
    public static partial void Deactivated(
        ILogger logger, string actor, string email, int contacts, string reassignedTo);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Change by {Actor} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string actor, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information,
        Message = "Users imported by {Actor}: {Created} created, {AlreadyPresent} already there, "
                  + "{InboundSet} inbound numbers set, {Problems} problems")]
    public static partial void Imported(
        ILogger logger, string actor, int created, int alreadyPresent, int inboundSet, int problems);
}
