using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
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

    // The one-contact look-up is the hot path of the API. Written in SQL, it skips EF's per-call work (extracting
    // parameters from the projection's expression tree and finding the compiled query), which cost more than the
    // query itself; ContactFactsQueryTests hold it to the projection above, contact for contact.
    private const string OneContactSql = """
        select c.id, c.assigned_user_id,
               i.e164, coalesce(i.is_released, false), coalesce(i.capabilities, 0),
               p.e164, coalesce(p.is_released, false), coalesce(p.capabilities, 0),
               d.e164, coalesce(d.is_released, false), coalesce(d.capabilities, 0)
        from contacts c
        left join "AspNetUsers" u on u.id = c.assigned_user_id
        left join numbers i on i.id = u.inbound_number_id
        left join numbers p on p.id = c.previous_number_id
        left join account_settings s on s.id = 1
        left join numbers d on d.id = s.default_outbound_number_id
        """;

    /// <summary>The facts of one contact by the portal's id, or null when there is no such contact.</summary>
    public static Task<ContactFactsRow?> FactsOfAsync(
        this PortalDbContext db, long contactId, CancellationToken cancellationToken = default) =>
        OneContactAsync(db, OneContactSql + " where c.id = $1", new NpgsqlParameter<long> { TypedValue = contactId },
            cancellationToken);

    /// <summary>The facts of one contact by the CRM's id, or null when there is no such contact.</summary>
    public static Task<ContactFactsRow?> FactsOfAsync(
        this PortalDbContext db, string externalId, CancellationToken cancellationToken = default) =>
        OneContactAsync(db, OneContactSql + " where c.external_id = $1",
            new NpgsqlParameter<string> { TypedValue = externalId }, cancellationToken);

    private static async Task<ContactFactsRow?> OneContactAsync(
        PortalDbContext db, string sql, NpgsqlParameter key, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
            Capabilities CapabilitiesAt(int column) => (Capabilities)reader.GetInt32(column);
            return new ContactFactsRow(
                reader.GetInt64(0),
                Text(1),
                Text(2), reader.GetBoolean(3), CapabilitiesAt(4),
                Text(5), reader.GetBoolean(6), CapabilitiesAt(7),
                Text(8), reader.GetBoolean(9), CapabilitiesAt(10));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
