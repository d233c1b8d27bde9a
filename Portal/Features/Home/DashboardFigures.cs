using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Domain.Rules;
using Portal.Features.Contacts;

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
/// Reads the dashboard. Contacts per effective SMS number and per rule come from one grouped pass over all contacts,
/// whose few thousand groups the resolver decides: never one resolution a contact.
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

        var shares = await SharesAsync(cancellationToken);
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

    private sealed record Share(long? SmsNumberId, RuleId SmsRule, int Count);

    private sealed record FactsGroup(string? Holder, long? Previous, bool Assigned, int Count);

    // One pass over the contacts, grouped by the only facts that tell their effective SMS number apart: the user whose
    // usable inbound number serves them (rule 1, whatever else is true), or else their previous number and whether
    // they are assigned. A few thousand groups at most; the resolver then decides each group as it decides a contact.
    // An inbound number that cannot send SMS is left out of a group's facts: the resolver skips it either way.
    private async Task<List<Share>> SharesAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ResolutionBuckets.ReadAsync(db, Channel.Sms, cancellationToken);
        var numbers = snapshot.Numbers;
        var holders = snapshot.UsableInbound;
        var defaultId = snapshot.DefaultNumberId;
        var holderIds = holders.Keys.ToArray();

        await using var transaction = await db.BeginListReadAsync(cancellationToken);
        var groups = await db.Database.SqlQuery<FactsGroup>($"""
            select case when assigned_user_id = any({holderIds}) then assigned_user_id end as "Holder",
                   case when assigned_user_id = any({holderIds}) then null else previous_number_id end as "Previous",
                   assigned_user_id is not null as "Assigned",
                   count(*)::int as "Count"
            from contacts
            group by 1, 2, 3
            """).ToListAsync(cancellationToken);

        NumberFacts? FactsOf(long? id) => id is { } known ? numbers[known] : null;
        var numberOf = numbers.Where(n => n.Value.Number is not null).ToDictionary(n => n.Value.Number, n => n.Key);
        return groups
            .Select(g =>
            {
                var facts = new ContactFacts(
                    g.Assigned, FactsOf(g.Holder is null ? null : holders[g.Holder]), FactsOf(g.Previous),
                    FactsOf(defaultId));
                var resolution = Resolver.Resolve(facts, Channel.Sms);
                return new Share(
                    resolution.From is null ? null : numberOf[resolution.From], resolution.Rule, g.Count);
            })
            .ToList();
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
