using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Database.Audit;
using Portal.Features.Audit;
using Portal.Infrastructure;
using Portal.Tests.Users;

namespace Portal.Tests.Audit;

public sealed class AuditTrailTests(UsersWorld world) : IClassFixture<UsersWorld>
{
    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_audit_event()
    {
        var recorded = await RecordAsync("ann@example.com", "inbound-number.set", ["+12025550101"]);
        await using var db = world.Db();

        var update = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEvents
            .Where(e => e.Id == recorded.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.After, "forged")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEvents
            .Where(e => e.Id == recorded.Id).ExecuteDeleteAsync());

        Assert.Contains("audit events are never updated or deleted", update.MessageText);
        Assert.Contains("audit events are never updated or deleted", delete.MessageText);
        var stored = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Id == recorded.Id);
        Assert.Equal("after", stored.After);
    }

    [Fact]
    public async Task Filtering_by_number_finds_the_events_that_touched_it_in_any_spelling()
    {
        var touched = await RecordAsync("bo@example.com", "inbound-number.set", ["+13035550177", "+13035550178"]);
        await RecordAsync("bo@example.com", "inbound-number.set", ["+13035550179"]);

        var page = await Query().PageAsync(new AuditFilter(Number: "(303) 555-0178"), 0, 10);

        Assert.Equal(touched.Id, Assert.Single(page.Events).Id);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task An_unreadable_number_filter_says_how_to_write_it_and_shows_nothing()
    {
        var page = await Query().PageAsync(new AuditFilter(Number: "call me"), 0, 10);

        Assert.Empty(page.Events);
        Assert.Equal("'call me' is not a phone number; write it as +12025550123 or (202) 555-0123.", page.Problem);
    }

    [Fact]
    public async Task Filtering_by_actor_and_day_pages_the_newest_first()
    {
        var actor = UsersWorld.Unique("pager") + "@example.com";
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await RecordAsync(actor, "user.created", [])).Id);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = await Query().PageAsync(new AuditFilter(Actor: actor, From: today, To: today), 0, 2);
        var last = await Query().PageAsync(new AuditFilter(Actor: actor, From: today, To: today), 2, 2);
        var tomorrow = await Query().PageAsync(new AuditFilter(Actor: actor, From: today.AddDays(1)), 0, 2);

        Assert.Equal(5, first.Total);
        Assert.Equal([ids[4], ids[3]], first.Events.Select(e => e.Id));
        Assert.Equal([ids[0]], last.Events.Select(e => e.Id));
        Assert.Equal(0, tomorrow.Total);
        Assert.Contains(actor, await Query().ActorsAsync());
    }

    private AuditQuery Query() => new(
        world.Portal.Services.GetRequiredService<IServiceScopeFactory>(),
        world.Portal.Services.GetRequiredService<IConfiguration>());

    private async Task<AuditEvent> RecordAsync(string actor, string action, string[] numbers)
    {
        await using var db = world.Db();
        var recorded = AuditTrail.Record(db, new Actor(null, actor), action, "subject", numbers, "before", "after");
        await db.SaveChangesAsync();
        return recorded;
    }
}
