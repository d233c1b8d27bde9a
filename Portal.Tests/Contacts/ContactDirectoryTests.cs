using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Contacts;
using Portal.Features.Live;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Contacts.ContactsWorld;

namespace Portal.Tests.Contacts;

public sealed class ContactDirectoryTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        if (await db.Contacts.AnyAsync())
        {
            return;
        }

        await AddSampleUsersAsync(db);
        await ImportSampleContactsAsync(db);
        await ImportSampleHistoryAsync(db);
        await db.Database.ExecuteSqlRawAsync(
            "update numbers set is_released = false, capabilities = 7 where e164 <> '+12025550177'; "
            + "update account_settings set default_outbound_number_id = "
            + "(select id from numbers where e164 = '+12025550110'); "
            + "update \"AspNetUsers\" set inbound_number_id = (select id from numbers where e164 = '+12025550114') "
            + "where email = 'elif.yilmaz@example.com'");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("(305) 555-0190")]
    [InlineData("305.555.0190")]
    [InlineData("+1 305 555 0190")]
    [InlineData("1 305 555 0190")]
    [InlineData("lucia.vega0@EXAMPLE")]
    public async Task Search_finds_a_contact_by_email_or_phone_in_any_spelling(string search)
    {
        await using var db = database.CreateDbContext();

        var page = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter(search)), Everyone);

        var row = Assert.Single(page.Rows);
        Assert.Equal(("ct_10000", "Lucia Vega", "(305) 555-0190"), (row.ExternalId, row.Name, row.Phone));
    }

    [Theory]
    [InlineData("lucia vega")]
    [InlineData("VEGA Lucia")]
    [InlineData("Vega")]
    public async Task Search_finds_contacts_by_name_in_any_order_and_letter_case(string search)
    {
        await using var db = database.CreateDbContext();

        var page = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter(search)), Everyone);

        Assert.Contains(page.Rows, row => row.ExternalId == "ct_10168");
        Assert.All(page.Rows, row => Assert.Contains("Vega", row.Name));
    }

    [Fact]
    public async Task A_partial_phone_finds_every_contact_whose_number_holds_those_digits()
    {
        await using var db = database.CreateDbContext();

        var page = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter("555-0190")), Everyone);

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, row => Assert.EndsWith("555-0190", row.Phone));
    }

    [Fact]
    public async Task An_agent_sees_only_their_own_contacts_whatever_the_filter_asks_for()
    {
        await using var db = database.CreateDbContext();
        var elif = await db.Users.SingleAsync(u => u.Email == "elif.yilmaz@example.com");
        var grace = await db.Users.SingleAsync(u => u.Email == "grace.moreau@example.com");
        var agent = new ContactViewer(elif.Id, SeesEveryone: false, MayAssign: false);

        var own = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter(), PageSize: 500), agent);
        var others = await Directory(db).PageAsync(
            new ContactPageRequest(new ContactFilter(AssignedUserId: grace.Id)), agent);

        Assert.Equal(await db.Contacts.CountAsync(c => c.AssignedUserId == elif.Id), own.Total);
        Assert.All(own.Rows, row => Assert.Equal(elif.Id, row.AssignedUserId));
        Assert.Empty(others.Rows);
    }

    [Fact]
    public async Task Each_row_carries_the_effective_numbers_the_sql_rules_give()
    {
        await using var db = database.CreateDbContext();

        var page = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter(), PageSize: 500), Everyone);

        var sql = await (from r in db.ContactResolutions
                         from n in db.Numbers.Where(n => n.Id == r.SmsNumberId).DefaultIfEmpty()
                         select new { r.ContactId, r.SmsRule, Number = n == null ? null : n.E164 })
            .ToDictionaryAsync(r => r.ContactId);
        Assert.Equal(476, page.Rows.Count);
        Assert.All(page.Rows,
            row => Assert.Equal((sql[row.Id].Number, sql[row.Id].SmsRule), (row.SmsFrom, row.SmsRule)));
        var rules = page.Rows.Select(r => r.SmsRule).ToHashSet();
        Assert.Contains(RuleId.AssignedUserInbound, rules);
        Assert.Contains(RuleId.PreviousNumber, rules);
        Assert.Contains(RuleId.AssignedUserDefault, rules);
        Assert.Contains(RuleId.UnassignedDefault, rules);
    }

    [Fact]
    public async Task Filtering_by_rule_and_by_effective_number_and_sorting_by_number_use_the_rules()
    {
        await using var db = database.CreateDbContext();
        var inbound = await db.Numbers.SingleAsync(n => n.E164 == "+12025550114");

        var byRule = await Directory(db).PageAsync(
            new ContactPageRequest(new ContactFilter(Rule: RuleId.AssignedUserInbound), PageSize: 500), Everyone);
        var byNumber = await Directory(db).PageAsync(
            new ContactPageRequest(new ContactFilter(EffectiveNumberId: inbound.Id), PageSize: 500), Everyone);
        var sorted = await Directory(db).PageAsync(
            new ContactPageRequest(new ContactFilter(), ContactSort.EffectiveNumber, Descending: true, PageSize: 500),
            Everyone);

        Assert.NotEmpty(byRule.Rows);
        Assert.All(byRule.Rows, row => Assert.Equal(RuleId.AssignedUserInbound, row.SmsRule));
        Assert.NotEmpty(byNumber.Rows);
        Assert.All(byNumber.Rows, row => Assert.Equal("+12025550114", row.SmsFrom));
        Assert.Equal(sorted.Rows.Select(r => r.SmsFrom).OrderDescending(StringComparer.Ordinal),
            sorted.Rows.Select(r => r.SmsFrom));
    }

    [Fact]
    public async Task Sorting_by_stored_columns_pages_through_every_contact_once()
    {
        await using var db = database.CreateDbContext();
        var directory = Directory(db);

        foreach (var sort in new[]
                 {
                     ContactSort.Name, ContactSort.Phone, ContactSort.AssignedUser, ContactSort.Created,
                 })
        {
            var seen = new List<long>();
            for (var page = 0; page < 10; page++)
            {
                var rows = await directory.PageAsync(
                    new ContactPageRequest(new ContactFilter(), sort, Page: page), Everyone);
                seen.AddRange(rows.Rows.Select(r => r.Id));
            }

            Assert.Equal(476, seen.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(ContactSort.AssignedUser, false)]
    [InlineData(ContactSort.AssignedUser, true)]
    [InlineData(ContactSort.EffectiveNumber, false)]
    [InlineData(ContactSort.EffectiveNumber, true)]
    [InlineData(ContactSort.Rule, false)]
    [InlineData(ContactSort.Rule, true)]
    public async Task Pages_sorted_by_user_number_or_rule_follow_the_order_of_the_whole_list(
        ContactSort sort, bool descending)
    {
        await using var db = database.CreateDbContext();
        var directory = Directory(db);
        var whole = await directory.PageAsync(new ContactPageRequest(new ContactFilter(), PageSize: 500), Everyone);
        var all = whole.Rows;
        var ascending = sort switch
        {
            ContactSort.AssignedUser => all.OrderBy(r => r.AssignedUser is null)
                .ThenBy(r => r.AssignedUser, StringComparer.Ordinal),
            ContactSort.EffectiveNumber => all.OrderBy(r => r.SmsFrom is null)
                .ThenBy(r => r.SmsFrom, StringComparer.Ordinal),
            _ => all.OrderBy(r => r.SmsRule),
        };
        var expected = ascending.ThenBy(r => r.Id).Select(r => r.Id).ToList();
        if (descending)
        {
            expected.Reverse();
        }

        var paged = new List<long>();
        for (var page = 0; page * 23 < all.Count; page++)
        {
            var rows = await directory.PageAsync(
                new ContactPageRequest(new ContactFilter(), sort, descending, page, PageSize: 23), Everyone);
            paged.AddRange(rows.Rows.Select(r => r.Id));
        }

        Assert.Equal(476, all.Count);
        Assert.Equal(expected, paged);
    }

    [Fact]
    public async Task Filters_by_rule_and_number_page_together_with_a_search_and_an_owner()
    {
        await using var db = database.CreateDbContext();
        var elif = await db.Users.SingleAsync(u => u.Email == "elif.yilmaz@example.com");
        var inbound = await db.Numbers.SingleAsync(n => n.E164 == "+12025550114");

        var own = await Directory(db).PageAsync(new ContactPageRequest(
            new ContactFilter(AssignedUserId: elif.Id, EffectiveNumberId: inbound.Id), PageSize: 500), Everyone);
        var all = await Directory(db).PageAsync(
            new ContactPageRequest(new ContactFilter(AssignedUserId: elif.Id), PageSize: 500), Everyone);
        var none = await Directory(db).PageAsync(new ContactPageRequest(
            new ContactFilter(AssignedUserId: elif.Id, Rule: RuleId.UnassignedDefault), PageSize: 500), Everyone);

        Assert.NotEmpty(own.Rows);
        Assert.Equal(all.Rows.Select(r => r.Id), own.Rows.Select(r => r.Id));
        Assert.All(own.Rows, row => Assert.Equal((RuleId.AssignedUserInbound, "+12025550114"),
            (row.SmsRule, row.SmsFrom)));
        Assert.Empty(none.Rows);
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task Above_ten_thousand_matches_the_total_is_an_estimate_and_says_so()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(
            "insert into contacts (external_id, first_name, last_name, created_at, imported_at) "
            + "select 'bulk_' || i, 'Bulk', 'Person ' || i, now(), now() from generate_series(1, 10500) i; "
            + "analyze contacts");

        try
        {
            var all = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter()), Everyone);
            var few = await Directory(db).PageAsync(new ContactPageRequest(new ContactFilter("Vega")), Everyone);
            var byRule = await Directory(db).PageAsync(
                new ContactPageRequest(new ContactFilter(Rule: RuleId.UnassignedDefault)), Everyone);

            Assert.True(all.TotalIsEstimate);
            Assert.InRange(all.Total, 10_001, 20_000);
            Assert.False(few.TotalIsEstimate);
            Assert.True(byRule.TotalIsEstimate);
            Assert.InRange(byRule.Total, 10_001, 20_000);
            Assert.Equal(50, byRule.Rows.Count);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("delete from contacts where external_id like 'bulk_%'");
        }
    }

    [Fact]
    public async Task Support_cannot_assign_even_by_calling_the_service_and_nothing_changes()
    {
        await using var db = database.CreateDbContext();
        var grace = await db.Users.SingleAsync(u => u.Email == "grace.moreau@example.com");
        var ids = await db.Contacts.OrderBy(c => c.Id).Take(2).Select(c => c.Id).ToListAsync();
        var before = await db.AssignmentChanges.CountAsync();

        var refused = await Assert.ThrowsAsync<AssignmentRefusedException>(
            () => Assignments(db, Changes()).AssignAsync(ids, grace.Id, Principal("support-id", PortalRoles.Support)));

        Assert.Equal("Only admins assign contacts. Ask an admin to make this change.", refused.Message);
        Assert.Equal(before, await db.AssignmentChanges.CountAsync());
    }

    [Fact]
    public async Task An_admin_assigns_and_unassigns_many_with_a_history_row_each_and_pages_hear_of_it()
    {
        await using var db = database.CreateDbContext();
        var grace = await db.Users.SingleAsync(u => u.Email == "grace.moreau@example.com");
        var contacts = await db.Contacts.Where(c => c.AssignedUserId != grace.Id).OrderBy(c => c.Id).Take(3)
            .Select(c => new { c.Id, c.AssignedUserId }).ToListAsync();
        var ids = contacts.Select(c => c.Id).ToList();
        var changes = Changes();
        var heard = new List<InputChange>();
        using var subscription = changes.Subscribe(change =>
        {
            heard.Add(change);
            return Task.CompletedTask;
        });
        var admin = Principal("admin-id", PortalRoles.Admin);

        var assigned = await Assignments(db, changes).AssignAsync(ids, grace.Id, admin);
        var unassigned = await Assignments(db, changes).AssignAsync(ids, null, admin);

        Assert.Equal((3, 3), (assigned, unassigned));
        var history = await db.AssignmentChanges
            .Where(h => ids.Contains(h.ContactId) && h.ChangedBy == "admin@example.com")
            .OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(6, history.Count);
        Assert.Equal(contacts.Select(c => (c.AssignedUserId, (string?)grace.Id)),
            history.Take(3).Select(h => (h.FromUserId, h.ToUserId)));
        Assert.All(history.Skip(3), h => Assert.Equal((grace.Id, null), (h.FromUserId, h.ToUserId)));
        Assert.Equal(2, heard.Count);
        Assert.All(heard, change => Assert.Equal(ids, change.Contacts.Order()));
        Assert.False(await db.Contacts.AnyAsync(c => ids.Contains(c.Id) && c.AssignedUserId != null));
    }

    private static readonly ContactViewer Everyone = new("support-id", SeesEveryone: true, MayAssign: false);

    private static ContactDirectory Directory(PortalDbContext db) => new(db, new PhoneSpelling("US"));

    private static ContactAssignments Assignments(PortalDbContext db, InputChanges changes) =>
        new(db, changes, NullLogger<ContactAssignments>.Instance);

    private static ClaimsPrincipal Principal(string id, string role) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, role.ToLowerInvariant() + "@example.com"),
            new Claim(ClaimTypes.Role, role),
        ], "test"));
}
