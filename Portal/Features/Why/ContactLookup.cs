using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Infrastructure;

namespace Portal.Features.Why;

/// <summary>A contact as a search result.</summary>
public sealed record ContactHit(long Id, string ExternalId, string Name, string? Phone, string? Email);

/// <summary>What a search found: the matches, or when there are none the nearest contacts to suggest.</summary>
public sealed record LookupResult(IReadOnlyList<ContactHit> Matches, IReadOnlyList<ContactHit> Suggestions);

/// <summary>
/// Finds contacts from one search box: a phone in any spelling, a contact id (the portal's or the CRM's), an email
/// or a name.
/// </summary>
public sealed class ContactLookup(IDbContextFactory<PortalDbContext> contexts, PhoneFormat phones)
{
    private const int Shown = 10;

    public async Task<LookupResult> FindAsync(string query, CancellationToken cancellationToken = default)
    {
        query = query.Trim();
        if (query.Length == 0)
        {
            return new LookupResult([], []);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matches = await MatchesAsync(db, query, cancellationToken);
        var suggestions = matches.Count == 0 ? await NearestAsync(db, query, cancellationToken) : [];
        return new LookupResult(matches, suggestions);
    }

    private async Task<List<ContactHit>> MatchesAsync(
        PortalDbContext db, string query, CancellationToken cancellationToken)
    {
        var contacts = db.Contacts.AsNoTracking();
        if (phones.ToE164(query) is { } phone && await Hits(contacts.Where(c => c.Phone == phone), cancellationToken)
                is { Count: > 0 } byPhone)
        {
            return byPhone;
        }

        if (long.TryParse(query, out var id)
            && await Hits(contacts.Where(c => c.Id == id), cancellationToken) is { Count: > 0 } byId)
        {
            return byId;
        }

        var lowered = query.ToLowerInvariant();
        if (await Hits(contacts.Where(c => c.ExternalId.ToLower() == lowered), cancellationToken)
            is { Count: > 0 } byExternalId)
        {
            return byExternalId;
        }

        if (query.Contains('@'))
        {
            return await Hits(contacts.Where(c => c.Email != null && c.Email.ToLower() == lowered), cancellationToken);
        }

        var pattern = "%" + EscapeLike(lowered) + "%";
        return await Hits(
            contacts.Where(c => EF.Functions.ILike(c.FirstName + " " + c.LastName, pattern)), cancellationToken);
    }

    // Near misses: the same last four digits, or names that start like a word of the query.
    private static async Task<List<ContactHit>> NearestAsync(
        PortalDbContext db, string query, CancellationToken cancellationToken)
    {
        var digits = new string(query.Where(char.IsDigit).ToArray());
        var contacts = db.Contacts.AsNoTracking();
        if (digits.Length >= 4)
        {
            var tail = "%" + digits[^4..];
            return await Hits(contacts.Where(c => c.Phone != null && EF.Functions.Like(c.Phone, tail)),
                cancellationToken);
        }

        var prefixes = query.Split([' ', '@', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 2)
            .Select(word => EscapeLike(word[..Math.Min(3, word.Length)].ToLowerInvariant()) + "%")
            .ToList();
        var hits = new List<ContactHit>();
        foreach (var prefix in prefixes)
        {
            hits.AddRange(await Hits(
                contacts.Where(c => EF.Functions.ILike(c.FirstName, prefix) || EF.Functions.ILike(c.LastName, prefix)
                                    || (c.Email != null && EF.Functions.ILike(c.Email, prefix))),
                cancellationToken));
        }

        return hits.DistinctBy(h => h.Id).Take(Shown).ToList();
    }

    private static Task<List<ContactHit>> Hits(
        IQueryable<Database.Contacts.Contact> contacts, CancellationToken cancellationToken) =>
        contacts.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id).Take(Shown)
            .Select(c => new ContactHit(c.Id, c.ExternalId, (c.FirstName + " " + c.LastName).Trim(), c.Phone, c.Email))
            .ToListAsync(cancellationToken);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
