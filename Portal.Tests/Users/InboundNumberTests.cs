using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Live;
using Portal.Features.Users;

namespace Portal.Tests.Users;

public sealed class InboundNumberTests(UsersWorld world) : IClassFixture<UsersWorld>
{
    [Fact]
    public async Task Setting_an_inbound_number_saves_it_with_its_audit_event_and_tells_open_pages()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var agent = await world.UserAsync(PortalRoles.Agent, "Bruno Silva");
        var number = await world.NumberAsync(Capabilities.Sms | Capabilities.Voice);

        await world.Accounts().SetInboundNumberAsync(UsersWorld.As(admin), agent.Id, agent.Version, number.Id);

        var stored = await world.ReloadAsync(agent);
        Assert.Equal(number.Id, stored.InboundNumberId);
        Assert.Equal(admin.Email, stored.ConfigUpdatedBy);
        await using var db = world.Db();
        var audit = await db.AuditEvents.SingleAsync(a => a.Subject == agent.Email);
        Assert.Equal(("inbound-number.set", admin.Email, admin.Id), (audit.Action, audit.Actor, audit.ActorId));
        Assert.Equal([number.E164], audit.Numbers);
        Assert.Equal("none", audit.Before);
        Assert.Equal($"{NumberSpelling.Spaced(number.E164)} (SMS, Voice)", audit.After);
        Assert.Contains(world.Published, c => c.Kind == InputChangeKind.InboundNumber);
    }

    [Fact]
    public async Task Clearing_an_inbound_number_is_audited_as_cleared_with_the_number_it_had()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var number = await world.NumberAsync();
        var agent = await world.UserAsync(PortalRoles.Agent, "Carla Diaz", number);

        await world.Accounts().SetInboundNumberAsync(UsersWorld.As(admin), agent.Id, agent.Version, null);

        Assert.Null((await world.ReloadAsync(agent)).InboundNumberId);
        await using var db = world.Db();
        var audit = await db.AuditEvents.SingleAsync(a => a.Subject == agent.Email);
        Assert.Equal(("inbound-number.cleared", "none"), (audit.Action, audit.After));
        Assert.Equal([number.E164], audit.Numbers);
    }

    [Fact]
    public async Task A_number_held_by_another_user_is_refused_naming_that_user_and_nothing_is_written()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var number = await world.NumberAsync();
        await world.UserAsync(PortalRoles.Agent, "Dora Holder", number);
        var agent = await world.UserAsync(PortalRoles.Agent, "Eli Wanter");

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().SetInboundNumberAsync(UsersWorld.As(admin), agent.Id, agent.Version, number.Id));

        Assert.StartsWith($"{NumberSpelling.Spaced(number.E164)} is already Dora Holder's inbound number.",
            refused.Message);
        Assert.Null((await world.ReloadAsync(agent)).InboundNumberId);
        await using var db = world.Db();
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Subject == agent.Email));
    }

    [Fact]
    public async Task The_unique_index_refuses_a_racing_second_holder_with_the_same_message()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var number = await world.NumberAsync();
        var first = await world.UserAsync(PortalRoles.Agent, "Fay First");
        var second = await world.UserAsync(PortalRoles.Agent, "Gus Second");

        // Another session gives the number to the first user but has not committed yet: the service's own check
        // sees nobody holding it, so only the unique index can stop the second user from getting it too.
        await using var racing = await world.GiveUncommittedAsync(first, number);

        var save = world.Accounts().SetInboundNumberAsync(UsersWorld.As(admin), second.Id, second.Version, number.Id);
        await world.WaitUntilASessionWaitsForALockAsync();
        await racing.CommitAsync();
        var refused = await Assert.ThrowsAsync<ChangeRefused>(() => save);

        Assert.StartsWith($"{NumberSpelling.Spaced(number.E164)} is already Fay First's inbound number.",
            refused.Message);
        Assert.Null((await world.ReloadAsync(second)).InboundNumberId);
        await using var db = world.Db();
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Subject == second.Email));
    }

    [Fact]
    public async Task The_database_itself_refuses_one_number_for_two_users()
    {
        var number = await world.NumberAsync();
        var first = await world.UserAsync(PortalRoles.Agent, "Hal One", number);
        var second = await world.UserAsync(PortalRoles.Agent, "Ivy Two");
        await using var db = world.Db();
        var stored = await db.Users.SingleAsync(u => u.Id == second.Id);

        stored.InboundNumberId = number.Id;
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        var postgres = Assert.IsType<PostgresException>(refused.InnerException);
        Assert.Equal((PostgresErrorCodes.UniqueViolation, UserAccounts.InboundIndex),
            (postgres.SqlState, postgres.ConstraintName));
        Assert.Equal(number.Id, (await world.ReloadAsync(first)).InboundNumberId);
    }

    [Fact]
    public async Task A_save_based_on_an_outdated_read_is_refused_with_who_changed_it_and_when()
    {
        var alice = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var bruno = await world.UserAsync(PortalRoles.Admin, "Bruno Silva");
        var agent = await world.UserAsync(PortalRoles.Agent, "Jo Shared");
        var aliceChoice = await world.NumberAsync();
        var brunoChoice = await world.NumberAsync();
        var readByBoth = agent.Version;
        await world.Accounts().SetInboundNumberAsync(UsersWorld.As(alice), agent.Id, readByBoth, aliceChoice.Id);
        var changed = await world.ReloadAsync(agent);

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().SetInboundNumberAsync(UsersWorld.As(bruno), agent.Id, readByBoth, brunoChoice.Id));

        Assert.Equal($"Jo Shared was changed by {alice.Email} at "
                     + $"{changed.ConfigUpdatedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; "
                     + "reload to see that change, then make yours again.", refused.Message);
        Assert.Equal(aliceChoice.Id, (await world.ReloadAsync(agent)).InboundNumberId);
    }

    [Theory]
    [InlineData(PortalRoles.Support)]
    [InlineData(PortalRoles.Agent)]
    public async Task Only_an_admin_may_change_an_inbound_number_whatever_the_page_shows(string role)
    {
        var notAdmin = await world.UserAsync(role, "Kim Reader");
        var agent = await world.UserAsync(PortalRoles.Agent, "Lou Target");
        var number = await world.NumberAsync();

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().SetInboundNumberAsync(UsersWorld.As(notAdmin), agent.Id, agent.Version, number.Id));

        Assert.Equal("Only an admin can change users. Ask an admin to make this change.", refused.Message);
        Assert.Null((await world.ReloadAsync(agent)).InboundNumberId);
    }

    [Fact]
    public async Task A_released_number_is_refused_as_an_inbound_number()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var agent = await world.UserAsync(PortalRoles.Agent, "Max Late");
        var released = await world.NumberAsync(released: true);

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().SetInboundNumberAsync(UsersWorld.As(admin), agent.Id, agent.Version, released.Id));

        Assert.Contains("is released", refused.Message);
        Assert.Null((await world.ReloadAsync(agent)).InboundNumberId);
    }

    [Fact]
    public async Task The_choices_are_active_numbers_that_no_other_user_holds_plus_the_users_own()
    {
        var own = await world.NumberAsync();
        var free = await world.NumberAsync(Capabilities.Voice);
        var taken = await world.NumberAsync();
        var released = await world.NumberAsync(released: true);
        var agent = await world.UserAsync(PortalRoles.Agent, "Ned Chooser", own);
        await world.UserAsync(PortalRoles.Agent, "Oda Owner", taken);

        var choices = await world.Accounts().InboundChoicesAsync(agent.Id);

        var ids = choices.Select(c => c.Id).ToHashSet();
        Assert.Contains(own.Id, ids);
        Assert.Contains(free.Id, ids);
        Assert.DoesNotContain(taken.Id, ids);
        Assert.DoesNotContain(released.Id, ids);
        Assert.Equal("Voice", choices.Single(c => c.Id == free.Id).CapabilityWords);
    }
}
