using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Domain.Rules;

namespace Portal.Features.Home;

/// <summary>Contacts whose texts go out from one number (null: from no number).</summary>
public sealed record NumberShare(string? E164, bool IsReleased, int Contacts);

/// <summary>Something an admin must act on, in words that say what to do.</summary>
public sealed record DashboardWarning(string Code, string Message);

/// <summary>The dashboard's counts, its chart data and its warnings, read in a few whole-table queries.</summary>
public sealed record Dashboard(
    int OwnedNumbers,
    int ReleasedNumbers,
    int UsersWithInbound,
    int UsersWithoutInbound,
    int Contacts,
    IReadOnlyList<NumberShare> PerNumber,
    IReadOnlyDictionary<RuleId, int> PerRule,
    IReadOnlyList<DashboardWarning> Warnings,
    TimeSpan Took);

/// <summary>
/// Reads the dashboard. Contacts per effective SMS number and per rule come from the rules written in SQL (the
/// contact_resolutions view) in one grouped pass over all contacts, never one resolution a row in C#.
/// </summary>
public sealed class DashboardFigures(PortalDbContext db)
{
    public async Task<Dashboard> ReadAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var numbers = await db.Numbers.AsNoTracking().GroupBy(n => n.IsReleased)
            .Select(g => new { Released = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Released, g => g.Count, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive).GroupBy(u => u.InboundNumberId != null)
            .Select(g => new { HasInbound = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.HasInbound, g => g.Count, cancellationToken);

        var shares = await (
                from resolution in db.ContactResolutions
                group resolution by new { resolution.SmsNumberId, resolution.SmsRule } into share
                select new { share.Key.SmsNumberId, share.Key.SmsRule, Count = share.Count() })
            .ToListAsync(cancellationToken);
        var numberIds = shares.Where(s => s.SmsNumberId != null).Select(s => s.SmsNumberId!.Value).Distinct().ToList();
        var numberFacts = await db.Numbers.AsNoTracking().Where(n => numberIds.Contains(n.Id))
            .ToDictionaryAsync(n => n.Id, n => new { n.E164, n.IsReleased }, cancellationToken);

        var perNumber = shares.GroupBy(s => s.SmsNumberId)
            .Select(g => g.Key is { } id
                ? new NumberShare(numberFacts[id].E164, numberFacts[id].IsReleased, g.Sum(s => s.Count))
                : new NumberShare(null, false, g.Sum(s => s.Count)))
            .OrderByDescending(s => s.Contacts).ThenBy(s => s.E164, StringComparer.Ordinal)
            .ToList();
        var perRule = Enum.GetValues<RuleId>().ToDictionary(
            rule => rule, rule => shares.Where(s => s.SmsRule == rule).Sum(s => s.Count));

        var warnings = await WarningsAsync(perRule[RuleId.None], cancellationToken);
        return new Dashboard(
            numbers.GetValueOrDefault(false), numbers.GetValueOrDefault(true), users.GetValueOrDefault(true),
            users.GetValueOrDefault(false), perRule.Values.Sum(), perNumber, perRule, warnings, clock.Elapsed);
    }

    private async Task<List<DashboardWarning>> WarningsAsync(int withoutNumber, CancellationToken cancellationToken)
    {
        var warnings = new List<DashboardWarning>();
        var fallback = await db.AccountSettings.AsNoTracking().Select(s => s.DefaultOutboundNumber)
            .SingleOrDefaultAsync(cancellationToken);
        if (fallback is null)
        {
            warnings.Add(new DashboardWarning("no-default",
                "No default outbound number is set: contacts without a user's number or a previous number get no "
                + "number. Set a default outbound number."));
        }
        else if (fallback.ToFacts().UnusableReason(Channel.Sms) is { } reason)
        {
            warnings.Add(new DashboardWarning("default-unusable",
                $"The default outbound number {fallback.E164} {Why(reason)}, so it is skipped. "
                + "Choose another default."));
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.InboundNumber != null
                        && (u.InboundNumber.IsReleased || (u.InboundNumber.Capabilities & Capabilities.Sms) == 0))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.DisplayName, u.InboundNumber!.E164, u.InboundNumber.IsReleased })
            .ToListAsync(cancellationToken);
        warnings.AddRange(users.Select(u => new DashboardWarning("inbound-unusable",
            $"{u.DisplayName}'s inbound number {u.E164} {(u.IsReleased ? "was released" : "cannot send SMS")}, so "
            + "their contacts' texts go out from another number. Give them another inbound number.")));

        if (withoutNumber > 0)
        {
            warnings.Add(new DashboardWarning("contacts-without-number",
                $"{withoutNumber:N0} contacts would get no number for a text. Set a usable default outbound number, "
                + "or give their users an inbound number that can send SMS."));
        }

        return warnings;
    }

    private static string Why(TraceReason reason) => reason switch
    {
        TraceReason.Released => "was released",
        _ => "cannot send SMS",
    };
}
