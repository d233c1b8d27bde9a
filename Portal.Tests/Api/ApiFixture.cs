using Microsoft.Extensions.DependencyInjection;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Api;
using Portal.Infrastructure;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

/// <summary>A portal with a small account (a default, a user with an inbound number, two contacts) and keys.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public PortalFactory Portal { get; private set; } = null!;

    public string ReadKey { get; private set; } = "";

    public string WriteKey { get; private set; } = "";

    public long AssignedContactId { get; private set; }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Portal = new PortalFactory(_database.ConnectionString);
        await Portal.CreateUserAsync("admin@example.com", PortalRoles.Admin);
        await Portal.CreateUserAsync("support@example.com", PortalRoles.Support);

        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        var fallback = new TwilioNumber { E164 = "+12025550100", Capabilities = Capabilities.All, CreatedAt = now };
        var smsOnly = new TwilioNumber { E164 = "+12025550101", Capabilities = Capabilities.Sms, CreatedAt = now };
        var alice = new PortalUser
        {
            UserName = "alice@example.com",
            Email = "alice@example.com",
            InboundNumber = smsOnly,
        };
        var assigned = new Contact
        {
            ExternalId = "ct_1",
            FirstName = "Ann",
            Phone = "+12025550143",
            AssignedUser = alice,
            CreatedAt = now,
            ImportedAt = now,
        };
        var fresh = new Contact { ExternalId = "ct_2", FirstName = "Ben", CreatedAt = now, ImportedAt = now };
        db.AddRange(fallback, smsOnly, alice, assigned, fresh);
        await db.SaveChangesAsync();
        db.AccountSettings.Single().DefaultOutboundNumberId = fallback.Id;
        await db.SaveChangesAsync();
        AssignedContactId = assigned.Id;

        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
        var admin = new Actor(null, "admin@example.com");
        ReadKey = (await keys.CreateAsync("reader", ApiScopes.Read, admin, actorIsAdmin: true)).Secret;
        WriteKey = (await keys.CreateAsync("writer", ApiScopes.Write, admin, actorIsAdmin: true)).Secret;
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A new unassigned contact for a test that records sends, so tests do not see each other's.</summary>
    public async Task<long> CreateContactAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var contact = new Contact
        {
            ExternalId = "ct_" + Guid.NewGuid().ToString("N")[..10],
            CreatedAt = DateTimeOffset.UtcNow,
            ImportedAt = DateTimeOffset.UtcNow,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact.Id;
    }

    public HttpClient Client(string? key)
    {
        var client = Portal.CreateBrowserlikeClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }
}
