using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Domain.Rules;

namespace Portal.Features.Contacts;

/// <summary>The facts the rules need for one contact, as one flat row of a query.</summary>
public sealed record ContactFactsRow(
    long ContactId,
    string? AssignedUserId,
    string? InboundE164,
    bool InboundReleased,
    Capabilities InboundCapabilities,
    string? PreviousE164,
    bool PreviousReleased,
    Capabilities PreviousCapabilities,
    string? DefaultE164,
    bool DefaultReleased,
    Capabilities DefaultCapabilities)
{
    public ContactFacts ToFacts() => new(
        AssignedUserId is not null,
        InboundE164 is null ? null : new NumberFacts(InboundE164, InboundReleased, InboundCapabilities),
        PreviousE164 is null ? null : new NumberFacts(PreviousE164, PreviousReleased, PreviousCapabilities),
        DefaultE164 is null ? null : new NumberFacts(DefaultE164, DefaultReleased, DefaultCapabilities));
}

/// <summary>
/// Projects the facts of many contacts in one query (never one per row), for the resolver to decide each one.
/// </summary>
public static class ContactFactsQuery
{
    public static IQueryable<ContactFactsRow> FactsOf(this PortalDbContext db, IQueryable<Contact> contacts) =>
        from contact in contacts
        from settings in db.AccountSettings
        let inbound = contact.AssignedUser!.InboundNumber
        let previous = contact.PreviousNumber
        let fallback = settings.DefaultOutboundNumber
        select new ContactFactsRow(
            contact.Id,
            contact.AssignedUserId,
            inbound == null ? null : inbound.E164,
            inbound != null && inbound.IsReleased,
            inbound == null ? Capabilities.None : inbound.Capabilities,
            previous == null ? null : previous.E164,
            previous != null && previous.IsReleased,
            previous == null ? Capabilities.None : previous.Capabilities,
            fallback == null ? null : fallback.E164,
            fallback != null && fallback.IsReleased,
            fallback == null ? Capabilities.None : fallback.Capabilities);

    public static async Task<ContactFactsRow?> FactsOfAsync(
        this PortalDbContext db, long contactId, CancellationToken cancellationToken = default) =>
        await db.FactsOf(db.Contacts.Where(c => c.Id == contactId)).SingleOrDefaultAsync(cancellationToken);
}
