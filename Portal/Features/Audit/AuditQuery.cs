using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Audit;
using Portal.Features.Users;

namespace Portal.Features.Audit;

/// <summary>Which audit events to show: by actor, by a number the change touched, and by UTC days.</summary>
public sealed record AuditFilter(
    string? Actor = null, string? Number = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One page of audit events, newest first, and how many events match the filter in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Total, string? Problem = null);

/// <summary>Reads the audit trail a page at a time, filtered in the database.</summary>
public sealed class AuditQuery(IServiceScopeFactory scopes, IConfiguration configuration)
{
    public async Task<AuditPage> PageAsync(
        AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Number))
        {
            var region = configuration["Phones:DefaultRegion"] is { Length: > 0 } r ? r : NumberSpelling.DefaultRegion;
            if (NumberSpelling.ToE164(filter.Number, region) is not { } e164)
            {
                return new AuditPage([], 0,
                    $"'{filter.Number}' is not a phone number; write it as +12025550123 or (202) 555-0123.");
            }

            // Containment (@>) is what the GIN index on numbers answers; "= any(numbers)" would scan every row.
            events = db.AuditEvents.FromSqlInterpolated(
                $"select * from audit_events where numbers @> array[{e164}]::text[]").AsNoTracking();
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            events = events.Where(e => e.Actor == filter.Actor);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt < end);
        }

        var total = await events.CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage(rows, total);
    }

    /// <summary>Everyone who has made a change, for the actor filter.</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.Select(e => e.Actor).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }
}
