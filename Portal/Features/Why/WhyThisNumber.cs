using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Components.Trace;
using Portal.Database;
using Portal.Domain.Rules;
using Portal.Features.Contacts;

namespace Portal.Features.Why;

/// <summary>
/// Explains a contact's From numbers: per channel the number, the rule in words and the trace, with the facts
/// behind it (assignments, the latest counting send, configuration changes that touched its numbers).
/// </summary>
public sealed class WhyThisNumber(IDbContextFactory<PortalDbContext> contexts)
{
    private const int TimelineLength = 25;
    private static readonly Channel[] Channels = [Channel.Sms, Channel.Mms, Channel.Voice];

    public async Task<ContactExplanation?> ExplainAsync(long contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contact = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId)
            .Select(c => new
            {
                c.Id,
                c.ExternalId,
                c.FirstName,
                c.LastName,
                c.Phone,
                c.Email,
                c.AssignedAt,
                User = c.AssignedUser == null ? null : c.AssignedUser.DisplayName,
            })
            .SingleOrDefaultAsync(cancellationToken);
        var facts = await db.FactsOfAsync(contactId, cancellationToken);
        if (contact is null || facts is null)
        {
            return null;
        }

        var sends = await PastSendsAsync(db, contactId, cancellationToken);
        var lastCounting = sends.FirstOrDefault(s => s.Counts);
        var answers = Channels.Select(channel =>
        {
            var explained = Resolver.Explain(facts.ToFacts(), channel);
            return new ChannelAnswer(channel, explained,
                Plainly(explained, channel, contact.User, contact.AssignedAt, lastCounting));
        }).ToList();

        var numbers = answers.Select(a => a.Resolution.From)
            .Concat([facts.InboundE164, facts.PreviousE164, facts.DefaultE164])
            .OfType<string>().Distinct().ToArray();
        var timeline = await TimelineAsync(db, contactId, numbers, lastCounting, cancellationToken);

        var name = $"{contact.FirstName} {contact.LastName}".Trim();
        return new ContactExplanation(contact.Id, contact.ExternalId, name.Length > 0 ? name : contact.ExternalId,
            contact.Phone, contact.Email, contact.User, contact.AssignedAt, answers, timeline, sends);
    }

    private static async Task<List<PastSend>> PastSendsAsync(
        PortalDbContext db, long contactId, CancellationToken cancellationToken) =>
        await db.Sends.AsNoTracking().Where(s => s.ContactId == contactId)
            .OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id)
            .Take(TimelineLength)
            .Select(s => new PastSend(s.SentAt, s.Channel, s.FromNumber!.E164, s.Status, s.Counts, s.Rule, s.Source))
            .ToListAsync(cancellationToken);

    private static async Task<List<TimelineEntry>> TimelineAsync(
        PortalDbContext db, long contactId, string[] numbers, PastSend? lastCounting,
        CancellationToken cancellationToken)
    {
        var assignments = await (
                from change in db.AssignmentChanges.AsNoTracking()
                where change.ContactId == contactId
                join earlier in db.Users on change.FromUserId equals earlier.Id into earlierUsers
                from fromUser in earlierUsers.DefaultIfEmpty()
                join later in db.Users on change.ToUserId equals later.Id into laterUsers
                from toUser in laterUsers.DefaultIfEmpty()
                orderby change.ChangedAt descending
                select new { change.ChangedAt, change.ChangedBy, From = fromUser.DisplayName, To = toUser.DisplayName })
            .Take(TimelineLength)
            .ToListAsync(cancellationToken);
        var configuration = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Numbers.Any(n => numbers.Contains(n)))
            .OrderByDescending(a => a.OccurredAt)
            .Take(TimelineLength)
            .ToListAsync(cancellationToken);

        var timeline = assignments
            .Select(a => new TimelineEntry(a.ChangedAt, "assignment",
                $"{a.ChangedBy} moved the contact from {a.From ?? "no one"} to {a.To ?? "no one"}"))
            .Concat(configuration.Select(a => new TimelineEntry(a.OccurredAt, "configuration",
                $"{a.Actor}: {a.Action} on {a.Subject}"
                + (a.Before is null && a.After is null ? "" : $" ({a.Before ?? "none"} → {a.After ?? "none"})"))))
            .ToList();
        if (lastCounting is not null)
        {
            timeline.Add(new TimelineEntry(lastCounting.SentAt, "send",
                $"Latest send that counts: {lastCounting.Channel} from {lastCounting.From} ({lastCounting.Status})"));
        }

        return timeline.OrderByDescending(t => t.At).Take(TimelineLength).ToList();
    }

    /// <summary>The applied rule in a sentence a support agent can read out to a customer's agency.</summary>
    internal static string Plainly(
        ExplainedResolution explained, Channel channel, string? user, DateTimeOffset? since, PastSend? lastCounting)
    {
        var can = channel switch
        {
            Channel.Voice => "make calls",
            Channel.Mms => "send MMS",
            _ => "send SMS",
        };
        var assignedSince = since is { } at ? $" since {Day(at)}" : "";
        return explained.Rule switch
        {
            RuleId.AssignedUserInbound =>
                $"{user} is assigned to this contact{assignedSince} and their inbound number can {can}.",
            RuleId.PreviousNumber =>
                $"This is the number last used with the contact{When(lastCounting)}; it sticks until the contact "
                + $"is assigned to a user whose inbound number can {can}.",
            RuleId.AssignedUserDefault =>
                $"{user} is assigned to this contact{assignedSince} but has no inbound number that can {can}, "
                + "and nothing sent before counts, so the account's default outbound number is used.",
            RuleId.UnassignedDefault =>
                "The contact is not assigned to anyone and nothing sent before counts, so the account's default "
                + "outbound number is used.",
            _ => TraceWording.Sentence(explained.Trace[^1], channel),
        };
    }

    private static string When(PastSend? send) => send is null ? "" : $" ({Day(send.SentAt)}, {send.Channel})";

    private static string Day(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
