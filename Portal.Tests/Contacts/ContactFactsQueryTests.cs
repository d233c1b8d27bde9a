using Microsoft.EntityFrameworkCore;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Contacts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Contacts;

public sealed class ContactFactsQueryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Facts_of_a_page_of_contacts_come_from_one_query_and_resolve_by_the_rules()
    {
        await using var db = database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var fallback = new TwilioNumber { E164 = "+12025550100", Capabilities = Capabilities.All, CreatedAt = now };
        var inbound = new TwilioNumber { E164 = "+12025550101", Capabilities = Capabilities.Voice, CreatedAt = now };
        var released = new TwilioNumber
        {
            E164 = "+12025550177",
            Capabilities = Capabilities.Sms,
            IsReleased = true,
            CreatedAt = now,
        };
        var alice = new PortalUser
        {
            UserName = "alice@example.com",
            Email = "alice@example.com",
            InboundNumber = inbound,
        };
        db.AddRange(fallback, inbound, released, alice);
        db.Contacts.AddRange(
            new Contact { ExternalId = "assigned", AssignedUser = alice, CreatedAt = now, ImportedAt = now },
            new Contact
            {
                ExternalId = "released-previous",
                PreviousNumber = released,
                CreatedAt = now,
                ImportedAt = now,
            },
            new Contact { ExternalId = "new", CreatedAt = now, ImportedAt = now });
        await db.SaveChangesAsync();
        var settings = await db.AccountSettings.SingleAsync();
        settings.DefaultOutboundNumber = fallback;
        await db.SaveChangesAsync();

        var rows = await db.FactsOf(db.Contacts.OrderBy(c => c.ExternalId)).ToListAsync();

        var sms = rows.Select(r => Resolver.Resolve(r.ToFacts(), Channel.Sms)).ToList();
        var voice = rows.Select(r => Resolver.Resolve(r.ToFacts(), Channel.Voice)).ToList();
        Assert.Equal(
            [
                new Resolution("+12025550100", RuleId.AssignedUserDefault),
                new Resolution("+12025550100", RuleId.UnassignedDefault),
                new Resolution("+12025550100", RuleId.UnassignedDefault),
            ],
            sms);
        Assert.Equal(new Resolution("+12025550101", RuleId.AssignedUserInbound), voice[0]);
    }
}
