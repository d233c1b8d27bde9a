using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Domain.Rules;

namespace Portal.Features.Numbers;

/// <summary>One row of the numbers page: the number and where it is used.</summary>
public sealed record NumberRow(
    long Id, string E164, string National, string? FriendlyName, Capabilities Capabilities, bool IsReleased,
    DateTimeOffset? ReleasedAt, DateTimeOffset? SyncedAt, string? InboundOf, bool IsDefault, int PreviousFor,
    uint Version);

/// <summary>
/// The account's numbers with where each is used: whose inbound number, whether it is the default, and how many
/// contacts have it as their previous number. Three queries however many numbers there are.
/// </summary>
public sealed class NumberUsage(PortalDbContext db)
{
    public async Task<IReadOnlyList<NumberRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var defaultId = await db.AccountSettings.AsNoTracking().Select(s => s.DefaultOutboundNumberId)
            .FirstOrDefaultAsync(cancellationToken);
        var previousFor = await db.Contacts.AsNoTracking()
            .Where(c => c.PreviousNumberId != null)
            .GroupBy(c => c.PreviousNumberId!.Value)
            .Select(g => new { NumberId = g.Key, Contacts = g.Count() })
            .ToDictionaryAsync(g => g.NumberId, g => g.Contacts, cancellationToken);
        var numbers = await (
                from number in db.Numbers.AsNoTracking()
                join user in db.Users on (long?)number.Id equals user.InboundNumberId into holders
                from holder in holders.DefaultIfEmpty()
                orderby number.IsReleased, number.E164
                select new
                {
                    Number = number,
                    Holder = holder == null ? null : holder.DisplayName != "" ? holder.DisplayName : holder.Email,
                })
            .ToListAsync(cancellationToken);

        return numbers
            .Select(n => new NumberRow(n.Number.Id, n.Number.E164, NumberText.National(n.Number.E164),
                n.Number.FriendlyName, n.Number.Capabilities, n.Number.IsReleased, n.Number.ReleasedAt,
                n.Number.SyncedAt, n.Holder, n.Number.Id == defaultId, previousFor.GetValueOrDefault(n.Number.Id),
                n.Number.Version))
            .ToList();
    }
}
