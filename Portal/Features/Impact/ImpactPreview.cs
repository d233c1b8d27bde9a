using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Domain.Rules;
using Portal.Features.Contacts;

namespace Portal.Features.Impact;

/// <summary>
/// Tells, before a change is saved, which contacts' effective SMS and voice numbers it would change. It projects the
/// facts of the contacts the change can touch, applies the change to those facts in memory and asks the same
/// resolver as every page, before and after, so the preview cannot disagree with what the pages will show.
/// </summary>
public sealed class ImpactPreview(PortalDbContext db, ILogger<ImpactPreview> logger)
{
    public const int FirstRowsShown = 20;

    private static readonly Channel[] PreviewedChannels = [Channel.Sms, Channel.Voice];

    public async Task<ImpactReport> PreviewAsync(ConfigChange change, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var rewrite = await RewriteForAsync(change, cancellationToken);
        var candidates = await CandidatesAsync(change, cancellationToken);

        var tally = new Tally();
        await foreach (var row in db.FactsOf(candidates).AsNoTracking().AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            var before = row.ToFacts();
            var after = rewrite(row, before);
            tally.Add(row.ContactId, before, after);
        }

        var report = await tally.ToReportAsync(db, cancellationToken);
        ImpactLog.Previewed(logger, change.GetType().Name, report.ContactsConsidered, report.SmsChanged,
            report.VoiceChanged, stopwatch.ElapsedMilliseconds);
        return report;
    }

    private async Task<IQueryable<Contact>> CandidatesAsync(ConfigChange change, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case ConfigChange.SetInbound(var userId, _):
                return db.Contacts.Where(c => c.AssignedUserId == userId);
            case ConfigChange.DeactivateUser(var userId, _):
                return db.Contacts.Where(c => c.AssignedUserId == userId);
            case ConfigChange.SetDefault:
                return db.Contacts;
            case ConfigChange.ReleaseNumber(var numberId):
                var isDefault = await db.AccountSettings.AnyAsync(s => s.DefaultOutboundNumberId == numberId,
                    cancellationToken);
                return isDefault
                    ? db.Contacts
                    : db.Contacts.Where(c => c.PreviousNumberId == numberId
                                             || c.AssignedUser!.InboundNumberId == numberId);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown configuration change.");
        }
    }

    /// <summary>How the change rewrites one contact's facts.</summary>
    private async Task<Func<ContactFactsRow, ContactFacts, ContactFacts>> RewriteForAsync(
        ConfigChange change, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case ConfigChange.SetInbound(_, var numberId):
                var inbound = await NumberFactsAsync(numberId, cancellationToken);
                return (_, facts) => facts with { Inbound = inbound };
            case ConfigChange.SetDefault(var numberId):
                var fallback = await NumberFactsAsync(numberId, cancellationToken);
                return (_, facts) => facts with { Default = fallback };
            case ConfigChange.ReleaseNumber(var numberId):
                var released = (await NumberFactsAsync(numberId, cancellationToken))?.Number;
                return (_, facts) => facts with
                {
                    Inbound = Released(facts.Inbound, released),
                    Previous = Released(facts.Previous, released),
                    Default = Released(facts.Default, released),
                };
            case ConfigChange.DeactivateUser(_, var reassignTo):
                var newUserInbound = await InboundOfAsync(reassignTo, cancellationToken);
                return (_, facts) => facts with { IsAssigned = reassignTo is not null, Inbound = newUserInbound };
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown configuration change.");
        }
    }

    private static NumberFacts? Released(NumberFacts? number, string? released) =>
        number is { } n && n.Number == released ? n with { IsReleased = true } : number;

    private async Task<NumberFacts?> NumberFactsAsync(long? numberId, CancellationToken cancellationToken)
    {
        if (numberId is null)
        {
            return null;
        }

        var number = await db.Numbers.AsNoTracking().SingleOrDefaultAsync(n => n.Id == numberId, cancellationToken)
                     ?? throw new KeyNotFoundException($"Number {numberId} does not exist.");
        return number.ToFacts();
    }

    private async Task<NumberFacts?> InboundOfAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return null;
        }

        var number = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.InboundNumber)
            .SingleOrDefaultAsync(cancellationToken);
        return number?.ToFacts();
    }

    private sealed class Tally
    {
        private readonly Dictionary<(Channel, string?, string?), int> _moves = [];
        private readonly List<(long ContactId, Channel Channel, Resolution Before, Resolution After)> _first = [];
        private int _considered;
        private int _smsChanged;
        private int _voiceChanged;

        public void Add(long contactId, in ContactFacts before, in ContactFacts after)
        {
            _considered++;
            foreach (var channel in PreviewedChannels)
            {
                var was = Resolver.Resolve(before, channel);
                var will = Resolver.Resolve(after, channel);
                if (was.From == will.From)
                {
                    continue;
                }

                if (channel == Channel.Sms)
                {
                    _smsChanged++;
                }
                else
                {
                    _voiceChanged++;
                }

                var key = (channel, was.From, will.From);
                _moves[key] = _moves.GetValueOrDefault(key) + 1;
                if (_first.Count < FirstRowsShown)
                {
                    _first.Add((contactId, channel, was, will));
                }
            }
        }

        public async Task<ImpactReport> ToReportAsync(PortalDbContext db, CancellationToken cancellationToken)
        {
            var ids = _first.Select(f => f.ContactId).Distinct().ToList();
            var names = await db.Contacts.Where(c => ids.Contains(c.Id))
                .Select(c => new { c.Id, Name = (c.FirstName + " " + c.LastName).Trim(), c.ExternalId })
                .ToDictionaryAsync(c => c.Id, c => c.Name.Length > 0 ? c.Name : c.ExternalId, cancellationToken);

            var moves = _moves
                .Select(m => new NumberMove(m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Value))
                .OrderBy(m => m.Channel).ThenByDescending(m => m.Contacts)
                .ToList();
            var first = _first
                .Select(f => new ContactMove(f.ContactId, names.GetValueOrDefault(f.ContactId, ""), f.Channel,
                    f.Before.From, f.Before.Rule, f.After.From, f.After.Rule))
                .ToList();
            return new ImpactReport(_considered, _smsChanged, _voiceChanged, moves, first);
        }
    }
}

internal static partial class ImpactLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information,
        Message = "Impact preview of {Change}: {Considered} contacts considered, {SmsChanged} SMS and "
                  + "{VoiceChanged} voice numbers would change ({ElapsedMs} ms)")]
    public static partial void Previewed(
        ILogger logger, string change, int considered, int smsChanged, int voiceChanged, long elapsedMs);
}
