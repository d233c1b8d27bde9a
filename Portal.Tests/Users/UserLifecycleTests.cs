using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Database.Identity;
using Portal.Features.Impact;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Users;

public sealed class UserLifecycleTests(UsersWorld world) : IClassFixture<UsersWorld>
{
    [Fact]
    public async Task Deactivating_moves_the_contacts_to_the_chosen_user_clears_the_number_and_blocks_login()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var number = await world.NumberAsync();
        var leaving = await world.UserAsync(PortalRoles.Agent, "Pia Leaving", number);
        var heir = await world.UserAsync(PortalRoles.Agent, "Quin Heir");
        var contacts = await world.ContactsAsync(leaving, 3);
        var client = world.Portal.CreateBrowserlikeClient();

        await world.Accounts().DeactivateAsync(UsersWorld.As(admin), leaving.Id, leaving.Version, heir.Id);

        var stored = await world.ReloadAsync(leaving);
        Assert.False(stored.IsActive);
        Assert.Null(stored.InboundNumberId);
        Assert.NotEqual(leaving.SecurityStamp, stored.SecurityStamp);
        await using var db = world.Db();
        var ids = contacts.Select(c => c.Id).ToList();
        Assert.All(await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(),
            c => Assert.Equal(heir.Id, c.AssignedUserId));
        var changes = await db.AssignmentChanges.Where(c => ids.Contains(c.ContactId)).ToListAsync();
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c =>
            Assert.Equal((leaving.Id, heir.Id, admin.Email), (c.FromUserId, c.ToUserId, c.ChangedBy)));
        var audit = await db.AuditEvents.SingleAsync(a => a.Subject == leaving.Email);
        Assert.Equal(("user.deactivated", "deactivated; no inbound number; 3 contacts moved to Quin Heir"),
            (audit.Action, audit.After));
        Assert.Equal([number.E164], audit.Numbers);
        using var login = await PortalFactory.PostLoginAsync(client, leaving.Email!, PortalFactory.Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("This account is deactivated", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deactivating_without_a_chosen_user_leaves_the_contacts_unassigned()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var leaving = await world.UserAsync(PortalRoles.Agent, "Rae Gone");
        var contacts = await world.ContactsAsync(leaving, 2);

        await world.Accounts().DeactivateAsync(UsersWorld.As(admin), leaving.Id, leaving.Version, null);

        await using var db = world.Db();
        var ids = contacts.Select(c => c.Id).ToList();
        Assert.All(await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(), c =>
        {
            Assert.Null(c.AssignedUserId);
            Assert.Null(c.AssignedAt);
        });
        Assert.Equal(2, await db.AssignmentChanges.CountAsync(c => ids.Contains(c.ContactId) && c.ToUserId == null));
    }

    [Fact]
    public async Task Contacts_cannot_move_to_a_deactivated_user_and_nothing_changes()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var gone = await world.UserAsync(PortalRoles.Agent, "Sam Gone");
        await world.Accounts().DeactivateAsync(UsersWorld.As(admin), gone.Id, gone.Version, null);
        var number = await world.NumberAsync();
        var leaving = await world.UserAsync(PortalRoles.Agent, "Tia Leaving", number);
        var contacts = await world.ContactsAsync(leaving, 1);

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().DeactivateAsync(UsersWorld.As(admin), leaving.Id, leaving.Version, gone.Id));

        Assert.StartsWith("The contacts can only move to another active user", refused.Message);
        var stored = await world.ReloadAsync(leaving);
        Assert.True(stored.IsActive);
        Assert.Equal(number.Id, stored.InboundNumberId);
        await using var db = world.Db();
        Assert.Equal(leaving.Id, (await db.Contacts.SingleAsync(c => c.Id == contacts[0].Id)).AssignedUserId);
        Assert.False(await db.AssignmentChanges.AnyAsync(c => c.ContactId == contacts[0].Id));
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Subject == leaving.Email));
    }

    [Fact]
    public async Task The_deactivation_preview_shows_the_contacts_moving_to_the_heirs_number()
    {
        var leavingLine = await world.NumberAsync();
        var heirLine = await world.NumberAsync();
        var leaving = await world.UserAsync(PortalRoles.Agent, "Uli Leaving", leavingLine);
        var heir = await world.UserAsync(PortalRoles.Agent, "Vic Heir", heirLine);
        await world.ContactsAsync(leaving, 2);

        var report = await world.Accounts().PreviewAsync(new ConfigChange.DeactivateUser(leaving.Id, heir.Id));

        Assert.Equal((2, 2), (report.SmsChanged, report.VoiceChanged));
        Assert.Contains(report.Moves, m => m.From == leavingLine.E164 && m.To == heirLine.E164 && m.Contacts == 2);
    }

    [Fact]
    public async Task An_admin_creates_a_user_with_a_generated_password_that_logs_in()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var email = UsersWorld.Unique("wes") + "@example.com";

        var created = await world.Accounts().CreateAsync(
            UsersWorld.As(admin), new NewUser("Wes New", email, "support", null));

        await using var db = world.Db();
        var audit = await db.AuditEvents.SingleAsync(a => a.Subject == email);
        Assert.Equal(("user.created", "Wes New, Support"), (audit.Action, audit.After));
        var client = world.Portal.CreateBrowserlikeClient();
        using var login = await PortalFactory.PostLoginAsync(client, email, created.InitialPassword);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
    }

    [Fact]
    public async Task A_password_that_breaks_the_rules_is_refused_with_the_rule_and_no_user_or_audit_is_left()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var email = UsersWorld.Unique("xia") + "@example.com";

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() => world.Accounts().CreateAsync(
            UsersWorld.As(admin), new NewUser("Xia Weak", email, PortalRoles.Agent, "short")));

        Assert.Contains("Passwords must be at least", refused.Message);
        await using var db = world.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Subject == email));
    }

    [Fact]
    public async Task A_second_account_for_one_email_is_refused_by_name()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var existing = await world.UserAsync(PortalRoles.Agent, "Yan There");

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() => world.Accounts().CreateAsync(
            UsersWorld.As(admin), new NewUser("Yan Again", existing.Email!, PortalRoles.Agent, null)));

        Assert.Equal($"{existing.Email} already has an account; find it in the list instead.", refused.Message);
    }

    [Fact]
    public async Task Changing_a_role_is_audited_and_ends_the_users_open_sessions()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var agent = await world.UserAsync(PortalRoles.Agent, "Zed Promoted");

        await world.Accounts().ChangeRoleAsync(UsersWorld.As(admin), agent.Id, agent.Version, PortalRoles.Support);

        var row = (await world.Accounts().ListAsync()).Single(u => u.Id == agent.Id);
        Assert.Equal(PortalRoles.Support, row.Role);
        Assert.NotEqual(agent.SecurityStamp, (await world.ReloadAsync(agent)).SecurityStamp);
        await using var db = world.Db();
        var audit = await db.AuditEvents.SingleAsync(a => a.Subject == agent.Email);
        Assert.Equal(("user.role-changed", "Agent", "Support"), (audit.Action, audit.Before, audit.After));
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_or_demote_themselves()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");

        var deactivate = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().DeactivateAsync(UsersWorld.As(admin), admin.Id, admin.Version, null));
        var demote = await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().ChangeRoleAsync(UsersWorld.As(admin), admin.Id, admin.Version, PortalRoles.Agent));

        Assert.Equal("You cannot deactivate yourself; ask another admin to do it.", deactivate.Message);
        Assert.Equal("You cannot take the Admin role from yourself; ask another admin to do it.", demote.Message);
        Assert.True((await world.ReloadAsync(admin)).IsActive);
    }

    [Fact]
    public async Task A_support_user_cannot_create_or_deactivate_users()
    {
        var support = await world.UserAsync(PortalRoles.Support, "Ada Support");
        var agent = await world.UserAsync(PortalRoles.Agent, "Ben Kept");

        await Assert.ThrowsAsync<ChangeRefused>(() => world.Accounts().CreateAsync(
            UsersWorld.As(support), new NewUser("Nope", UsersWorld.Unique("nope") + "@example.com", "Agent", null)));
        await Assert.ThrowsAsync<ChangeRefused>(() =>
            world.Accounts().DeactivateAsync(UsersWorld.As(support), agent.Id, agent.Version, null));

        Assert.True((await world.ReloadAsync(agent)).IsActive);
    }
}
