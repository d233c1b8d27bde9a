using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Features.Contacts;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Authorization.AuthorizationTable;
using static Portal.Tests.Contacts.ContactsWorld;

namespace Portal.Tests.Contacts;

/// <summary>The contacts rows of the authorization table's actions, each tried against the service itself.</summary>
public sealed class ContactActionsAuthorizationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    public static TheoryData<string, string, Access> Table => ActionsAsTheoryData(AssignContacts, SeeOthersContacts);

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_contacts_action_admits_exactly_the_roles_in_the_table(
        string action, string who, Access expected)
    {
        await using var db = database.CreateDbContext();
        var (someone, other) = await TwoUsersWithAContactEachAsync(db);
        var principal = Principal(someone.Id, who);

        var allowed = action switch
        {
            AssignContacts => await TryAssignAsync(db, principal, other),
            SeeOthersContacts => await SeesAsync(db, principal, other),
            _ => throw new InvalidOperationException($"The test does not know the action '{action}'."),
        };

        Assert.Equal(expected == Access.Allowed, allowed);
    }

    private static async Task<bool> TryAssignAsync(PortalDbContext db, ClaimsPrincipal who, PortalUser to)
    {
        var contact = await db.Contacts.FirstAsync(c => c.AssignedUserId != to.Id);
        var assignments = new ContactAssignments(db, Changes(), NullLogger<ContactAssignments>.Instance);
        try
        {
            await assignments.AssignAsync([contact.Id], to.Id, who);
            return await db.Contacts.AsNoTracking().AnyAsync(c => c.Id == contact.Id && c.AssignedUserId == to.Id);
        }
        catch (AssignmentRefusedException)
        {
            Assert.False(await db.Contacts.AsNoTracking()
                .AnyAsync(c => c.Id == contact.Id && c.AssignedUserId == to.Id));
            return false;
        }
    }

    private static async Task<bool> SeesAsync(PortalDbContext db, ClaimsPrincipal who, PortalUser other)
    {
        var directory = new ContactDirectory(db, new PhoneSpelling("US"));
        var page = await directory.PageAsync(
            new ContactPageRequest(new ContactFilter(AssignedUserId: other.Id)), ContactViewer.Of(who));
        return page.Rows.Count > 0;
    }

    private static async Task<(PortalUser Someone, PortalUser Other)> TwoUsersWithAContactEachAsync(
        PortalDbContext db)
    {
        if (!await db.Users.AnyAsync())
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var name in new[] { "someone", "other" })
            {
                var user = new PortalUser
                {
                    UserName = $"{name}@example.com",
                    Email = $"{name}@example.com",
                    DisplayName = name,
                };
                db.Users.Add(user);
                foreach (var id in new[] { $"of_{name}", $"also_of_{name}" })
                {
                    db.Contacts.Add(
                        new Contact { ExternalId = id, AssignedUser = user, CreatedAt = now, ImportedAt = now });
                }
            }

            await db.SaveChangesAsync();
        }

        return (await db.Users.SingleAsync(u => u.DisplayName == "someone"),
            await db.Users.SingleAsync(u => u.DisplayName == "other"));
    }

    private static ClaimsPrincipal Principal(string id, string role) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, role.ToLowerInvariant() + "@example.com"),
            new Claim(ClaimTypes.Role, role),
        ], "test"));
}
