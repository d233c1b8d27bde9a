using Microsoft.EntityFrameworkCore;
using Portal.Database;

namespace Portal.Features.Contacts;

/// <summary>
/// Keeps the contact's previous number (the rules' input P) equal to the From number of its latest counting send:
/// latest by the time it was made, ties to the one recorded last (DESIGN.md §1).
/// </summary>
public static class PreviousNumbers
{
    /// <summary>Recomputes P for the given contacts from their sends; returns how many contacts changed.</summary>
    public static Task<int> RefreshAsync(PortalDbContext db, long[] contactIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
             update contacts c set previous_number_id = latest.from_number_id
             from (
                 select candidate.id,
                        (select s.from_number_id from sends s
                         where s.contact_id = candidate.id and s.counts
                         order by s.sent_at desc, s.recorded_at desc, s.id desc
                         limit 1) as from_number_id
                 from contacts candidate
                 where candidate.id = any({contactIds})
             ) latest
             where c.id = latest.id and c.previous_number_id is distinct from latest.from_number_id
             """, cancellationToken);
}
