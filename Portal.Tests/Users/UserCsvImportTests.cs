using Microsoft.EntityFrameworkCore;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Users;

namespace Portal.Tests.Users;

public sealed class UserCsvImportTests(UsersWorld world) : IClassFixture<UsersWorld>
{
    [Fact]
    public async Task Each_bad_inbound_number_is_reported_with_line_column_and_reason_and_the_rest_is_imported()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var held = await world.NumberAsync();
        var holder = await world.UserAsync(PortalRoles.Agent, "Hana Holder", held);
        var released = await world.NumberAsync(released: true);
        var voiceOnly = await world.NumberAsync(Capabilities.Voice);
        var contested = await world.NumberAsync();
        var (a, b, c, d, e, f) = (Email("ann"), Email("ben"), Email("cal"), Email("dee"), Email("eva"), Email("fin"));
        var csv = $"""
                   Name,Email,Role,Inbound Number
                   Ann Bad,{a},Agent,n/a
                   Ben Taken,{b},Agent,{held.E164}
                   Cal Gone,{c},Agent,{released.E164}
                   Dee Voice,{d},Agent,{National(voiceOnly.E164)}
                   Eva First,{e},Agent,{contested.E164}
                   Fin Second,{f},Agent,{contested.E164}
                   Gil Unknown,{Email("gil")},Agent,+1 (999) 555-0100
                   """;

        var (result, _) = await world.Accounts().ImportAsync(UsersWorld.As(admin), new StringReader(csv), null);

        Assert.Equal((7, 2), (result.Created, result.InboundSet));
        Assert.Equal(
        [
            (2, "'n/a' is not a phone number; write it as +12025550123 or (202) 555-0123."),
            (3, UserAccounts.HeldBy(held.E164, holder.DisplayName)),
            (4, $"{NumberSpelling.Spaced(released.E164)} is released: the account no longer owns it."),
            (7, UserAccounts.HeldBy(contested.E164, "Eva First")),
            (8, "+1 999 555 0100 is not one of the account's numbers; sync the numbers from Twilio first, or correct "
                + "the number."),
        ], result.Problems.Select(p => (p.Line, p.Message)));
        Assert.All(result.Problems, p => Assert.Equal("Inbound Number", p.Column));
        await using var db = world.Db();
        Assert.Equal(voiceOnly.Id, (await db.Users.SingleAsync(u => u.Email == d)).InboundNumberId);
        Assert.Equal(contested.Id, (await db.Users.SingleAsync(u => u.Email == e)).InboundNumberId);
        Assert.Null((await db.Users.SingleAsync(u => u.Email == b)).InboundNumberId);
        var audit = await db.AuditEvents.SingleAsync(x => x.Subject == d && x.Action == "inbound-number.set");
        Assert.Equal(admin.Email, audit.Actor);
        Assert.Equal([voiceOnly.E164], audit.Numbers);
        Assert.True(await db.AuditEvents.AnyAsync(x => x.Subject == a && x.Action == "user.created"));
    }

    [Fact]
    public async Task A_number_taken_by_someone_else_during_the_import_is_reported_and_its_row_changes_nothing()
    {
        var admin = await world.UserAsync(PortalRoles.Admin, "Alice Ng");
        var number = await world.NumberAsync();
        var racer = await world.UserAsync(PortalRoles.Agent, "Rex Racer");
        var email = Email("lia");
        await using var racing = await world.GiveUncommittedAsync(racer, number);

        var importing = world.Accounts().ImportAsync(UsersWorld.As(admin),
            new StringReader($"Name,Email,Role,Inbound Number\nLia Late,{email},Agent,{number.E164}\n"), null);
        await world.WaitUntilASessionWaitsForALockAsync();
        await racing.CommitAsync();
        var (result, _) = await importing;

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, "Inbound Number"), (problem.Line, problem.Column));
        Assert.StartsWith($"'{number.E164}' became another user's inbound number during the import", problem.Message);
        Assert.Equal((0, 0), (result.Created, result.InboundSet));
        await using var db = world.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Subject == email));
    }

    [Fact]
    public async Task A_support_user_cannot_import_users()
    {
        var support = await world.UserAsync(PortalRoles.Support, "Sue Support");
        var email = Email("never");

        var refused = await Assert.ThrowsAsync<ChangeRefused>(() => world.Accounts().ImportAsync(
            UsersWorld.As(support), new StringReader($"Name,Email,Role\nNo One,{email},Agent\n"), null));

        Assert.Equal("Only an admin can change users. Ask an admin to make this change.", refused.Message);
        await using var db = world.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    private static string Email(string stem) => UsersWorld.Unique(stem) + "@example.com";

    private static string National(string e164) => NumberSpelling.National(e164);
}
