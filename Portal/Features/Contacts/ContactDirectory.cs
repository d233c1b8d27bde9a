using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Domain.Rules;

namespace Portal.Features.Contacts;

/// <summary>
/// Reads pages of contacts for the grid: filtered, sorted and paged in PostgreSQL, then each row's effective numbers
/// resolved by the engine from facts projected in the same query. An agent's query only ever reads their own
/// contacts, whatever the filter asks for.
/// </summary>
public sealed class ContactDirectory(PortalDbContext db, PhoneSpelling phones)
{
    /// <summary>Up to this many matches are counted exactly; beyond it counting costs more than the page.</summary>
    public const int ExactCountLimit = 10_000;

    public async Task<ContactPage> PageAsync(
        ContactPageRequest request, ContactViewer viewer, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var asksForResolutions = request.Filter.AsksForResolutions
                                 || request.Sort is ContactSort.EffectiveNumber or ContactSort.Rule;
        await using var transaction = asksForResolutions ? await db.BeginListReadAsync(cancellationToken) : null;
        var buckets = asksForResolutions ? await ResolutionBuckets.ReadAsync(db, Channel.Sms, cancellationToken) : null;
        var matching = Filtered(request.Filter, viewer, buckets);

        var rows = Segments(matching, request.Sort, request.Descending, buckets) is { } segments
            ? await PageAcrossAsync(segments, request, cancellationToken)
            : await Project(Sorted(matching, request.Sort, request.Descending)
                .Skip(request.Page * request.PageSize)
                .Take(request.PageSize)).ToListAsync(cancellationToken);
        var resolved = rows.Select(Resolve).ToList();

        var (total, estimated) = await CountAsync(matching, cancellationToken);
        return new ContactPage(resolved, total, estimated, clock.Elapsed, estimated && total <= ExactCountLimit + 1);
    }

    /// <summary>Active users whose name or email holds the text, for the owner filter and the assign box.</summary>
    public async Task<IReadOnlyList<UserChoice>> UsersAsync(string? text, CancellationToken cancellationToken = default)
    {
        var pattern = Pattern(text ?? "");
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive
                        && (EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email!, pattern)))
            .OrderBy(u => u.DisplayName)
            .Take(20)
            .Select(u => new UserChoice(u.Id, u.DisplayName, u.Email ?? ""))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The account's numbers whose digits hold the text, for the effective number filter.</summary>
    public async Task<IReadOnlyList<NumberChoice>> NumbersAsync(
        string? text, CancellationToken cancellationToken = default)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        return await db.Numbers.AsNoTracking()
            .Where(n => n.E164.Contains(digits))
            .OrderBy(n => n.E164)
            .Take(20)
            .Select(n => new NumberChoice(n.Id, n.E164, n.IsReleased))
            .ToListAsync(cancellationToken);
    }

    private IQueryable<Contact> Filtered(ContactFilter filter, ContactViewer viewer, ResolutionBuckets? buckets)
    {
        var contacts = viewer.Visible(db.Contacts.AsNoTracking());

        if (filter.UnassignedOnly)
        {
            contacts = contacts.Where(c => c.AssignedUserId == null);
        }
        else if (filter.AssignedUserId is { } userId)
        {
            contacts = contacts.Where(c => c.AssignedUserId == userId);
        }

        contacts = Searched(contacts, filter.Search);

        if (filter.Rule is { } rule)
        {
            contacts = contacts.Where(buckets!.OfRule(rule));
        }

        if (filter.EffectiveNumberId is { } numberId)
        {
            contacts = contacts.Where(buckets!.OfNumber(numberId));
        }

        return contacts;
    }

    // A search that looks like a phone number matches the stored E.164 form however it was typed; anything else is
    // looked for in the name and the email, in any letter case.
    private IQueryable<Contact> Searched(IQueryable<Contact> contacts, string? search)
    {
        var term = search?.Trim() ?? "";
        if (term.Length == 0)
        {
            return contacts;
        }

        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 3 && term.All(ch => char.IsAsciiDigit(ch) || " ()+-./".Contains(ch)))
        {
            if (phones.ToE164(term, out _) is { } e164)
            {
                return contacts.Where(c => c.Phone == e164);
            }

            return contacts.Where(c => c.Phone!.Contains(digits));
        }

        var pattern = Pattern(term);
        return contacts.Where(c => EF.Functions.ILike(c.FirstName + " " + c.LastName, pattern)
                                   || EF.Functions.ILike(c.LastName + " " + c.FirstName, pattern)
                                   || EF.Functions.ILike(c.Email!, pattern));
    }

    private static string Pattern(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    private IQueryable<Contact> Sorted(IQueryable<Contact> contacts, ContactSort sort, bool descending)
    {
        switch (sort)
        {
            case ContactSort.Phone:
                return descending
                    ? contacts.OrderByDescending(c => c.Phone).ThenByDescending(c => c.Id)
                    : contacts.OrderBy(c => c.Phone).ThenBy(c => c.Id);
            case ContactSort.Created:
                return descending
                    ? contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                    : contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id);
            default:
                return descending
                    ? contacts.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName)
                        .ThenByDescending(c => c.Id)
                    : contacts.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id);
        }
    }

    // Sorting by assigned user, effective number or rule cannot walk one index: the order is cut into segments
    // that can (the assigned contacts in their user's name order, then the unassigned ones; or one rule or one number
    // at a time, by id), and a page is read across them. Null sorts last, as PostgreSQL sorts it, and first when
    // descending.
    private IEnumerable<IQueryable<long>>? Segments(
        IQueryable<Contact> matching, ContactSort sort, bool descending, ResolutionBuckets? buckets)
    {
        IEnumerable<IQueryable<long>> ascending;
        switch (sort)
        {
            case ContactSort.AssignedUser:
                var assigned =
                    from contact in matching
                    where contact.AssignedUserId != null
                    join user in db.Users on contact.AssignedUserId equals user.Id
                    select new { contact.Id, user.DisplayName };
                var unassigned = matching.Where(c => c.AssignedUserId == null);
                ascending =
                [
                    descending
                        ? assigned.OrderByDescending(a => a.DisplayName).ThenByDescending(a => a.Id).Select(a => a.Id)
                        : assigned.OrderBy(a => a.DisplayName).ThenBy(a => a.Id).Select(a => a.Id),
                    ById(unassigned, descending),
                ];
                break;
            case ContactSort.Rule:
                ascending = Enum.GetValues<RuleId>()
                    .Select(rule => ById(matching.Where(buckets!.OfRule(rule)), descending));
                break;
            case ContactSort.EffectiveNumber:
                ascending = buckets!.UsableNumbers
                    .Select(number => ById(matching.Where(buckets.OfNumber(number.Id)), descending))
                    .Append(ById(matching.Where(buckets.OfNoNumber()), descending));
                break;
            default:
                return null;
        }

        return descending ? ascending.Reverse() : ascending;
    }

    private static IQueryable<long> ById(IQueryable<Contact> contacts, bool descending) =>
        (descending ? contacts.OrderByDescending(c => c.Id) : contacts.OrderBy(c => c.Id)).Select(c => c.Id);

    // Limitation: a segment wholly before the page costs two small queries, so a page deep into a sort by effective
    // number, past hundreds of numbers, takes a query or two per number it skips.
    private async Task<List<Projected>> PageAcrossAsync(
        IEnumerable<IQueryable<long>> segments, ContactPageRequest request, CancellationToken cancellationToken)
    {
        var skip = request.Page * request.PageSize;
        var ids = new List<long>(request.PageSize);
        foreach (var segment in segments)
        {
            var wanted = request.PageSize - ids.Count;
            var found = await segment.Skip(skip).Take(wanted).ToListAsync(cancellationToken);
            if (found.Count == 0 && skip > 0)
            {
                skip -= await segment.Take(skip).CountAsync(cancellationToken);
                continue;
            }

            ids.AddRange(found);
            skip = 0;
            if (ids.Count == request.PageSize)
            {
                break;
            }
        }

        var rows = await Project(db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private sealed record Projected(
        long Id, string ExternalId, string FirstName, string LastName, string? Email, string? Phone,
        string? AssignedUserId, string? AssignedUser, DateTimeOffset CreatedAt, ContactFactsRow Facts);

    // The page and the facts of its rows in one query; the default number is read by subqueries that PostgreSQL
    // evaluates once for the whole page.
    private IQueryable<Projected> Project(IQueryable<Contact> page) =>
        page.Select(c => new Projected(
            c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.AssignedUserId,
            c.AssignedUser == null ? null : c.AssignedUser.DisplayName, c.CreatedAt,
            new ContactFactsRow(
                c.Id,
                c.AssignedUserId,
                c.AssignedUser!.InboundNumber == null ? null : c.AssignedUser.InboundNumber.E164,
                c.AssignedUser.InboundNumber != null && c.AssignedUser.InboundNumber.IsReleased,
                c.AssignedUser.InboundNumber == null ? Capabilities.None : c.AssignedUser.InboundNumber.Capabilities,
                c.PreviousNumber == null ? null : c.PreviousNumber.E164,
                c.PreviousNumber != null && c.PreviousNumber.IsReleased,
                c.PreviousNumber == null ? Capabilities.None : c.PreviousNumber.Capabilities,
                db.AccountSettings.Select(s => s.DefaultOutboundNumber!.E164).FirstOrDefault(),
                db.AccountSettings.Select(s => s.DefaultOutboundNumber != null && s.DefaultOutboundNumber.IsReleased)
                    .FirstOrDefault(),
                db.AccountSettings.Select(s => s.DefaultOutboundNumber == null
                    ? Capabilities.None
                    : s.DefaultOutboundNumber.Capabilities).FirstOrDefault())));

    private ContactListRow Resolve(Projected row)
    {
        var facts = row.Facts.ToFacts();
        var name = string.Join(' ', new[] { row.FirstName, row.LastName }.Where(n => n.Length > 0));
        return new ContactListRow(
            row.Id, row.ExternalId, name, row.Email, row.Phone is null ? null : phones.National(row.Phone),
            row.AssignedUserId, row.AssignedUser, row.CreatedAt,
            Resolver.Resolve(facts, Channel.Sms), Resolver.Resolve(facts, Channel.Voice));
    }

    private async Task<(int Total, bool Estimated)> CountAsync(
        IQueryable<Contact> matching, CancellationToken cancellationToken)
    {
        var counted = await matching.Take(ExactCountLimit + 1).CountAsync(cancellationToken);
        if (counted <= ExactCountLimit)
        {
            return (counted, false);
        }

        var estimate = await PlannerEstimateAsync(matching, cancellationToken);
        return ((int)Math.Clamp(estimate, ExactCountLimit + 1, int.MaxValue), true);
    }

    // Counting a million rows exactly takes longer than the page itself; the planner's row estimate is free.
    private async Task<long> PlannerEstimateAsync(IQueryable<Contact> matching, CancellationToken cancellationToken)
    {
        await using var command = matching.Select(c => c.Id).CreateDbCommand();
        command.CommandText = "explain (format json) " + command.CommandText;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var plan = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "[]";
            using var json = JsonDocument.Parse(plan);
            return (long)json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
