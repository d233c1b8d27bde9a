using Portal.Database;
using Portal.Database.Audit;
using Portal.Infrastructure;

namespace Portal.Features.Audit;

/// <summary>
/// Adds an audit event to the unit of work of a change, so the event is saved in the same transaction as the change
/// and never without it.
/// </summary>
public static class AuditTrail
{
    public static AuditEvent Record(
        PortalDbContext db, Actor actor, string action, string subject, IEnumerable<string?> numbers,
        string? before, string? after)
    {
        var audit = new AuditEvent
        {
            OccurredAt = DateTimeOffset.UtcNow,
            ActorId = actor.UserId,
            Actor = actor.Name,
            Action = action,
            Subject = subject,
            Numbers = numbers.OfType<string>().Distinct().ToArray(),
            Before = before,
            After = after,
        };
        db.AuditEvents.Add(audit);
        return audit;
    }
}
