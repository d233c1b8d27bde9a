using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Audit;
using Portal.Infrastructure;

namespace Portal.Tests.Why;

/// <summary>A small account for the "why this number?" tests: Alice with an SMS-only inbound number.</summary>
public static class WhyFixture
{
    public static readonly DateTimeOffset AssignedAt = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    public static async Task<(Contact Lucia, Contact Hugo)> SeedAsync(PortalDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        var fallback = new TwilioNumber { E164 = "+12025550100", Capabilities = Capabilities.All, CreatedAt = now };
        var aliceLine = new TwilioNumber { E164 = "+12025550101", Capabilities = Capabilities.Sms, CreatedAt = now };
        var alice = new PortalUser
        {
            UserName = "alice.ng@example.com",
            Email = "alice.ng@example.com",
            DisplayName = "Alice Ng",
            InboundNumber = aliceLine,
        };
        var lucia = new Contact
        {
            ExternalId = "ct_10000",
            FirstName = "Lucia",
            LastName = "Vega",
            Email = "lucia.vega@example.net",
            Phone = "+12025550143",
            AssignedUser = alice,
            AssignedAt = AssignedAt,
            CreatedAt = now,
            ImportedAt = now,
        };
        var hugo = new Contact
        {
            ExternalId = "ct_10002",
            FirstName = "Hugo",
            LastName = "Hale",
            Phone = "+17185550173",
            CreatedAt = now,
            ImportedAt = now,
        };
        db.AddRange(fallback, aliceLine, alice, lucia, hugo);
        await db.SaveChangesAsync();

        db.AccountSettings.Single().DefaultOutboundNumberId = fallback.Id;
        db.AssignmentChanges.Add(new AssignmentChange
        {
            ContactId = lucia.Id,
            ToUserId = alice.Id,
            ChangedAt = AssignedAt,
            ChangedBy = "bruno.silva@example.com",
        });
        AuditTrail.Record(db, new Actor(null, "bruno.silva@example.com"), "inbound-number.set", "alice.ng@example.com",
            ["+12025550101"], null, "+12025550101");
        await db.SaveChangesAsync();
        return (lucia, hugo);
    }
}
