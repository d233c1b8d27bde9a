using Microsoft.EntityFrameworkCore;
using Portal.Domain.Rules;
using Portal.Features.Home;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Contacts.ContactsWorld;

namespace Portal.Tests.Home;

public sealed class DashboardFiguresTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
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
            + "update numbers set capabilities = 4 where e164 = '+12025550116'; "
            + "update \"AspNetUsers\" set inbound_number_id = (select id from numbers where e164 = '+12025550116') "
            + "where email = 'grace.moreau@example.com'; "
            + "update \"AspNetUsers\" set inbound_number_id = (select id from numbers where e164 = '+12025550114') "
            + "where email = 'elif.yilmaz@example.com'");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_a_default_the_dashboard_warns_and_counts_the_contacts_that_get_no_number()
    {
        await using var db = database.CreateDbContext();

        var figures = await new DashboardFigures(db).ReadAsync();

        Assert.Equal(476, figures.Contacts);
        Assert.Equal((2, 14), (figures.UsersWithInbound, figures.UsersWithoutInbound));
        Assert.Equal(figures.Contacts, figures.PerNumber.Sum(s => s.Contacts));
        Assert.Equal(figures.PerRule[RuleId.None], figures.PerNumber.Single(s => s.E164 is null).Contacts);
        Assert.Equal(
            ["no-default", "inbound-unusable", "contacts-without-number"], figures.Warnings.Select(w => w.Code));
        Assert.Contains("Grace Moreau's inbound number +12025550116 cannot send SMS", figures.Warnings[1].Message);
        Assert.StartsWith(
            $"{figures.PerRule[RuleId.None]:N0} contacts would get no number", figures.Warnings[2].Message);
    }

    [Fact]
    public async Task Counts_per_number_and_rule_match_the_rules_for_every_contact()
    {
        await using var db = database.CreateDbContext();
        var expected = await db.ContactResolutions.GroupBy(r => r.SmsRule)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

        var figures = await new DashboardFigures(db).ReadAsync();

        foreach (var rule in Enum.GetValues<RuleId>())
        {
            Assert.Equal(expected.GetValueOrDefault(rule), figures.PerRule[rule]);
        }

        Assert.Contains(figures.PerNumber, share => share.E164 == "+12025550114");
        Assert.DoesNotContain(figures.PerNumber, share => share.E164 == "+12025550177");
    }
}
