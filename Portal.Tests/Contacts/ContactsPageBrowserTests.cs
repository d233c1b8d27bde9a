using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Contacts;

public sealed class ContactsPageBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task An_admins_assignment_re_renders_the_contact_on_another_browsers_page_within_a_second()
    {
        await session.Portal.CreateUserAsync("page.admin@example.com", PortalRoles.Admin, "Page Admin");
        await session.Portal.CreateUserAsync("page.support@example.com", PortalRoles.Support, "Page Support");
        var grace = await session.Portal.CreateUserAsync("grace@example.com", PortalRoles.Agent, "Grace Moreau");
        await ArrangeAsync(grace.Id);
        await using var adminContext = await session.Browser.NewContextAsync();
        await using var supportContext = await session.Browser.NewContextAsync();
        var admin = await OpenContactsAsync(adminContext, "page.admin@example.com");
        var support = await OpenContactsAsync(supportContext, "page.support@example.com");
        await Assertions.Expect(support.GetByTestId("sms-ct_browser")).ToHaveTextAsync("+12025550110");
        await Assertions.Expect(support.GetByTestId("rule-ct_browser")).ToHaveTextAsync("unassigned-default");

        await admin.Locator("tr", new() { Has = admin.GetByTestId("name-ct_browser") })
            .Locator("input[type=checkbox]").CheckAsync();
        await admin.GetByLabel("Assign to").FillAsync("Grace");
        await admin.GetByText("Grace Moreau (grace@example.com)").ClickAsync();
        await admin.GetByTestId("assign").ClickAsync();

        // Once the admin's own page shows the committed change, the other browser has one second to follow.
        await Assertions.Expect(admin.GetByTestId("owner-ct_browser")).ToHaveTextAsync("Grace Moreau");
        var quickly = new LocatorAssertionsToHaveTextOptions { Timeout = 1000 };
        await Assertions.Expect(support.GetByTestId("sms-ct_browser")).ToHaveTextAsync("+12025550116", quickly);
        await Assertions.Expect(support.GetByTestId("rule-ct_browser")).ToHaveTextAsync("assigned-user-inbound");
        await Assertions.Expect(support.GetByTestId("owner-ct_browser")).ToHaveTextAsync("Grace Moreau");
    }

    private async Task<IPage> OpenContactsAsync(IBrowserContext context, string email)
    {
        var page = await session.LogInAsync(context, email, PortalFactory.Password);
        await page.GotoAsync(session.BaseUrl + "/contacts");
        await BrowserSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("name-ct_browser")).ToBeVisibleAsync();
        return page;
    }

    private async Task ArrangeAsync(string agentId)
    {
        await using var scope = session.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        var fallback = new TwilioNumber { E164 = "+12025550110", Capabilities = Capabilities.All, CreatedAt = now };
        var inbound = new TwilioNumber { E164 = "+12025550116", Capabilities = Capabilities.All, CreatedAt = now };
        db.Numbers.AddRange(fallback, inbound);
        db.Contacts.Add(new Contact
        {
            ExternalId = "ct_browser",
            FirstName = "Brow",
            LastName = "Ser",
            Phone = "+13055550190",
            CreatedAt = now,
            ImportedAt = now,
        });
        await db.SaveChangesAsync();

        var agent = await db.Users.SingleAsync(u => u.Id == agentId);
        agent.InboundNumberId = inbound.Id;
        var settings = await db.AccountSettings.SingleAsync();
        settings.DefaultOutboundNumberId = fallback.Id;
        await db.SaveChangesAsync();
    }
}
