using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Live;
using Portal.Features.Numbers;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Numbers.FakeTwilio;

namespace Portal.Tests.Numbers;

// Each test gets a database of its own, with three numbers: two active, one released.
public sealed class DefaultOutboundTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly List<InputChange> _published = [];
    private PortalDbContext _db = null!;
    private TwilioNumber _main = null!;
    private TwilioNumber _voiceOnly = null!;
    private TwilioNumber _gone = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        _main = new TwilioNumber { E164 = "+12025550110", Capabilities = Capabilities.All, CreatedAt = now };
        _voiceOnly = new TwilioNumber { E164 = "+12025550190", Capabilities = Capabilities.Voice, CreatedAt = now };
        _gone = new TwilioNumber
        {
            E164 = "+12025550177",
            Capabilities = Capabilities.All,
            CreatedAt = now,
            IsReleased = true,
        };
        _db.Numbers.AddRange(_main, _voiceOnly, _gone);
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private DefaultOutbound Service(PortalDbContext? db = null)
    {
        var changes = new InputChanges(NullLogger<InputChanges>.Instance);
        changes.Subscribe(change =>
        {
            _published.Add(change);
            return Task.CompletedTask;
        });
        return new DefaultOutbound(db ?? _db, changes, NullLogger<DefaultOutbound>.Instance);
    }

    [Fact]
    public async Task An_admin_sets_the_default_with_an_audit_event_and_a_published_change()
    {
        var read = await Service().ReadAsync();

        var result = await Service().SetAsync(Admin, _main.Id, read.Version);

        Assert.True(result.Saved, result.Message);
        var now = await Service().ReadAsync();
        Assert.Equal((_main.Id, "+12025550110", "ada@example.com"), (now.NumberId, now.E164, now.UpdatedBy));
        var audit = await _db.AuditEvents.AsNoTracking().SingleAsync();
        Assert.Equal(("default-outbound.set", "account", null, "+12025550110"),
            (audit.Action, audit.Subject, audit.Before, audit.After));
        Assert.Equal(["+12025550110"], audit.Numbers);
        Assert.Equal(InputChangeKind.DefaultOutbound, Assert.Single(_published).Kind);
    }

    [Fact]
    public async Task A_save_based_on_an_older_read_is_refused_naming_who_changed_it_and_when()
    {
        var first = await Service().ReadAsync();
        await using var otherAdminsDb = _database.CreateDbContext();
        await Service(otherAdminsDb).SetAsync(Person("bo@example.com", PortalRoles.Admin), _voiceOnly.Id,
            first.Version);
        var changedAt = (await Service().ReadAsync()).UpdatedAt;

        var result = await Service().SetAsync(Admin, _main.Id, first.Version);

        Assert.False(result.Saved);
        Assert.Equal($"The default outbound number was changed by bo@example.com at {ChangeResult.When(changedAt)} "
                     + "since you read it. Reload, then make your change again.", result.Message);
        Assert.Equal("+12025550190", (await Service().ReadAsync()).E164);
        Assert.Equal(1, await _db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Two_admins_saving_from_the_same_read_at_once_cannot_both_win()
    {
        var read = await Service().ReadAsync();
        await using var otherDb = _database.CreateDbContext();

        var results = await Task.WhenAll(
            Service().SetAsync(Admin, _main.Id, read.Version),
            Service(otherDb).SetAsync(Person("bo@example.com", PortalRoles.Admin), _voiceOnly.Id, read.Version));

        Assert.Single(results, r => r.Saved);
        Assert.Contains("since you read it", Assert.Single(results, r => !r.Saved).Message);
        Assert.Equal(1, await _db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task A_released_number_is_refused_as_the_default_and_nothing_is_written()
    {
        var read = await Service().ReadAsync();

        var result = await Service().SetAsync(Admin, _gone.Id, read.Version);

        Assert.False(result.Saved);
        Assert.Equal("+12025550177 is released: the account no longer owns it. Choose an active number.",
            result.Message);
        Assert.Null((await Service().ReadAsync()).NumberId);
        Assert.Empty(await _db.AuditEvents.ToListAsync());
        Assert.Empty(_published);
    }

    [Fact]
    public async Task Support_is_refused_by_the_service_and_nothing_is_written()
    {
        var read = await Service().ReadAsync();

        var result = await Service().SetAsync(Support, _main.Id, read.Version);

        Assert.False(result.Saved);
        Assert.StartsWith("Only an admin may change the default outbound number.", result.Message);
        Assert.Null((await Service().ReadAsync()).NumberId);
        Assert.Empty(await _db.AuditEvents.ToListAsync());
    }

    [Theory]
    [InlineData(Capabilities.All, null)]
    [InlineData(Capabilities.Voice, "cannot send SMS")]
    [InlineData(Capabilities.Sms | Capabilities.Mms, "cannot make calls")]
    [InlineData(Capabilities.Mms, "can neither send SMS nor make calls")]
    public void The_warning_says_what_a_default_number_cannot_do(Capabilities capabilities, string? expected)
    {
        var warning = NumberText.DefaultWarning("+12025550110", capabilities);

        if (expected is null)
        {
            Assert.Null(warning);
        }
        else
        {
            Assert.Contains(expected, warning);
        }
    }

    [Fact]
    public async Task Marking_a_number_released_is_audited_and_refused_for_support_or_an_older_read()
    {
        var release = new NumberRelease(_db, new InputChanges(NullLogger<InputChanges>.Instance),
            NullLogger<NumberRelease>.Instance);
        var version = await _db.Numbers.Where(n => n.Id == _main.Id).Select(n => n.Version).SingleAsync();

        var bySupport = await release.MarkReleasedAsync(Support, _main.Id, version);
        var byAdmin = await release.MarkReleasedAsync(Admin, _main.Id, version);
        var again = await release.MarkReleasedAsync(Admin, _main.Id, version);

        Assert.StartsWith("Only an admin may mark a number released.", bySupport.Message);
        Assert.True(byAdmin.Saved, byAdmin.Message);
        Assert.False(again.Saved);
        Assert.Contains("+12025550110 was changed by ada@example.com at", again.Message);
        Assert.True(await _db.Numbers.Where(n => n.Id == _main.Id).Select(n => n.IsReleased).SingleAsync());
        var audit = await _db.AuditEvents.AsNoTracking().SingleAsync();
        Assert.Equal(("number.released", "ada@example.com"), (audit.Action, audit.Actor));
    }

    [Fact]
    public async Task The_numbers_list_tells_where_each_number_is_used()
    {
        var now = DateTimeOffset.UtcNow;
        _db.Users.Add(new PortalUser
        {
            UserName = "al@example.com",
            Email = "al@example.com",
            DisplayName = "Al Ng",
            InboundNumberId = _main.Id,
        });
        _db.Contacts.AddRange(Enumerable.Range(0, 3).Select(i => new Contact
        {
            ExternalId = $"c{i}",
            PreviousNumberId = i < 2 ? _voiceOnly.Id : _gone.Id,
            CreatedAt = now,
            ImportedAt = now,
        }));
        await _db.SaveChangesAsync();
        await Service().SetAsync(Admin, _voiceOnly.Id, (await Service().ReadAsync()).Version);

        var rows = await new NumberUsage(_db).ListAsync();

        Assert.Equal(["+12025550110", "+12025550190", "+12025550177"], rows.Select(r => r.E164));
        Assert.Equal(("Al Ng", false, 0, "(202) 555-0110"),
            (rows[0].InboundOf, rows[0].IsDefault, rows[0].PreviousFor, rows[0].National));
        Assert.Equal((null, true, 2), (rows[1].InboundOf, rows[1].IsDefault, rows[1].PreviousFor));
        Assert.Equal((true, 1), (rows[2].IsReleased, rows[2].PreviousFor));
    }
}
