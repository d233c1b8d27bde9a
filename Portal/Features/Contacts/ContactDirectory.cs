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
        var matching = Filtered(request.Filter, viewer);

        var page = Sorted(matching, request.Sort, request.Descending)
            .Skip(request.Page * request.PageSize)
            .Take(request.PageSize);
        var rows = await Project(page).ToListAsync(cancellationToken);
        var resolved = rows.Select(Resolve).ToList();

        var (total, estimated) = await CountAsync(matching, cancellationToken);
        return new ContactPage(resolved, total, estimated, clock.Elapsed);
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

    private IQueryable<Contact> Filtered(ContactFilter filter, ContactViewer viewer)
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

        // A join, not EXISTS: PostgreSQL then resolves the whole table in one hashed pass instead of once a row.
        if (filter.Rule is { } rule)
        {
            contacts = contacts.Join(db.ContactResolutions.Where(r => r.SmsRule == rule), c => c.Id,
                r => r.ContactId, (c, _) => c);
        }

        if (filter.EffectiveNumberId is { } numberId)
        {
            contacts = contacts.Join(db.ContactResolutions.Where(r => r.SmsNumberId == numberId), c => c.Id,
                r => r.ContactId, (c, _) => c);
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
            case ContactSort.EffectiveNumber or ContactSort.Rule:
                var resolved =
                    from contact in contacts
                    join resolution in db.ContactResolutions on contact.Id equals resolution.ContactId
                    join number in db.Numbers on resolution.SmsNumberId equals number.Id into numbers
                    from number in numbers.DefaultIfEmpty()
                    select new { contact, resolution.SmsRule, Number = number == null ? null : number.E164 };
                var byResolution = sort == ContactSort.Rule
                    ? (descending ? resolved.OrderByDescending(r => r.SmsRule) : resolved.OrderBy(r => r.SmsRule))
                    : (descending ? resolved.OrderByDescending(r => r.Number) : resolved.OrderBy(r => r.Number));
                return byResolution.ThenBy(r => r.contact.Id).Select(r => r.contact);
            case ContactSort.Phone:
                return descending
                    ? contacts.OrderByDescending(c => c.Phone).ThenByDescending(c => c.Id)
                    : contacts.OrderBy(c => c.Phone).ThenBy(c => c.Id);
            case ContactSort.AssignedUser:
                return descending
                    ? contacts.OrderByDescending(c => c.AssignedUser!.DisplayName).ThenByDescending(c => c.Id)
                    : contacts.OrderBy(c => c.AssignedUser!.DisplayName).ThenBy(c => c.Id);
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
