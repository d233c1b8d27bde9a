using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Settings;
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
        contacts.SelectMany(_ => db.AccountSettings, Projection);

    private static readonly Expression<Func<Contact, AccountSettings, ContactFactsRow>> Projection =
        (contact, settings) => new ContactFactsRow(
            contact.Id,
            contact.AssignedUserId,
            contact.AssignedUser!.InboundNumber == null ? null : contact.AssignedUser.InboundNumber.E164,
            contact.AssignedUser!.InboundNumber != null && contact.AssignedUser.InboundNumber.IsReleased,
            contact.AssignedUser!.InboundNumber == null
                ? Capabilities.None
                : contact.AssignedUser.InboundNumber.Capabilities,
            contact.PreviousNumber == null ? null : contact.PreviousNumber.E164,
            contact.PreviousNumber != null && contact.PreviousNumber.IsReleased,
            contact.PreviousNumber == null ? Capabilities.None : contact.PreviousNumber.Capabilities,
            settings.DefaultOutboundNumber == null ? null : settings.DefaultOutboundNumber.E164,
            settings.DefaultOutboundNumber != null && settings.DefaultOutboundNumber.IsReleased,
            settings.DefaultOutboundNumber == null ? Capabilities.None : settings.DefaultOutboundNumber.Capabilities);

    /// <summary>The facts of one contact by the portal's id, or null when there is no such contact.</summary>
    public static Task<ContactFactsRow?> FactsOfAsync(
        this PortalDbContext db, long contactId, CancellationToken cancellationToken = default) =>
        db.FactsOf(db.Contacts.Where(c => c.Id == contactId)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The facts of one contact by the CRM's id, or null when there is no such contact.</summary>
    public static Task<ContactFactsRow?> FactsOfAsync(
        this PortalDbContext db, string externalId, CancellationToken cancellationToken = default) =>
        db.FactsOf(db.Contacts.Where(c => c.ExternalId == externalId)).FirstOrDefaultAsync(cancellationToken);
}
