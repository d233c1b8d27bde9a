using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Live;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Users;

/// <summary>
/// The portal's services on one test database, with helpers that add numbers, users and contacts under names no
/// other test in the class uses.
/// </summary>
public sealed class UsersWorld : IAsyncLifetime
{
    private static int _next;

    public TestDatabase Database { get; } = new();

    public PortalFactory Portal { get; private set; } = null!;

    public List<InputChange> Published { get; } = [];

    private readonly List<NpgsqlConnection> _otherSessions = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Portal = new PortalFactory(Database.ConnectionString);
        Portal.Services.GetRequiredService<InputChanges>().Subscribe(change =>
        {
            lock (Published)
            {
                Published.Add(change);
            }

            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _otherSessions)
        {
            await session.DisposeAsync();
        }

        await Portal.DisposeAsync();
        await Database.DisposeAsync();
    }

    public UserAccounts Accounts() => new(
        Portal.Services.GetRequiredService<IServiceScopeFactory>(),
        Portal.Services.GetRequiredService<InputChanges>(),
        NullLogger<UserAccounts>.Instance);

    public PortalDbContext Db() => Database.CreateDbContext();

    public static string Unique(string stem) => $"{stem}{Interlocked.Increment(ref _next)}";

    /// <summary>A new number in the fictional 555-01xx range of a made-up area code per call.</summary>
    public async Task<TwilioNumber> NumberAsync(Capabilities capabilities = Capabilities.All, bool released = false)
    {
        var serial = Interlocked.Increment(ref _next);
        var number = new TwilioNumber
        {
            E164 = $"+1{202 + serial / 100}55501{serial % 100:00}",
            Capabilities = capabilities,
            IsReleased = released,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = Db();
        db.Numbers.Add(number);
        await db.SaveChangesAsync();
        return number;
    }

    public async Task<PortalUser> UserAsync(string role, string name, TwilioNumber? inbound = null)
    {
        var email = Unique(name.Split(' ')[0].ToLowerInvariant()) + "@example.com";
        var user = await Portal.CreateUserAsync(email, role, name);
        if (inbound is not null)
        {
            await using var db = Db();
            var stored = await db.Users.FindAsync(user.Id);
            stored!.InboundNumberId = inbound.Id;
            await db.SaveChangesAsync();
        }

        return await ReloadAsync(user);
    }

    public async Task<PortalUser> ReloadAsync(PortalUser user)
    {
        await using var db = Db();
        return (await db.Users.FindAsync(user.Id))!;
    }

    public async Task<List<Contact>> ContactsAsync(PortalUser? owner, int count)
    {
        await using var db = Db();
        var now = DateTimeOffset.UtcNow;
        var contacts = Enumerable.Range(0, count).Select(_ => new Contact
        {
            ExternalId = Unique("ct_"),
            FirstName = Unique("Contact "),
            AssignedUserId = owner?.Id,
            AssignedAt = owner is null ? null : now,
            CreatedAt = now,
            ImportedAt = now,
        }).ToList();
        db.Contacts.AddRange(contacts);
        await db.SaveChangesAsync();
        return contacts;
    }

    public static ClaimsPrincipal As(PortalUser user) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email!)], "Test"));

    /// <summary>Gives a user a number in a transaction of another session that the caller commits later.</summary>
    public async Task<NpgsqlTransaction> GiveUncommittedAsync(PortalUser user, TwilioNumber number)
    {
        var other = new NpgsqlConnection(Database.ConnectionString);
        _otherSessions.Add(other);
        await other.OpenAsync();
        var racing = await other.BeginTransactionAsync();
        await using var give = new NpgsqlCommand(
            "update \"AspNetUsers\" set inbound_number_id = $1 where id = $2", other, racing);
        give.Parameters.AddWithValue(number.Id);
        give.Parameters.AddWithValue(user.Id);
        await give.ExecuteNonQueryAsync();
        return racing;
    }

    /// <summary>Returns once some session of this database waits for a lock another session holds.</summary>
    public async Task WaitUntilASessionWaitsForALockAsync()
    {
        await using var watcher = new NpgsqlConnection(Database.ConnectionString);
        await watcher.OpenAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var query = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
                watcher);
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The second save never waited for the first session's uncommitted number.");
    }
}
