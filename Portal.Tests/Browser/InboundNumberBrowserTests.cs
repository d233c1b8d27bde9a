using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

public sealed class InboundNumberBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task An_admin_gives_a_user_an_inbound_number_after_the_impact_preview_and_sees_it_audited()
    {
        await session.Portal.CreateUserAsync("browser.admin@example.com", PortalRoles.Admin, "Browser Admin");
        var agent = await session.Portal.CreateUserAsync("browser.agent@example.com", PortalRoles.Agent, "Bea Agent");
        await SeedAsync(agent.Id);
        await using var context = await session.Browser.NewContextAsync();
        var page = await session.LogInAsync(context, "browser.admin@example.com", PortalFactory.Password);

        await page.GetByTestId("nav-menu").GetByText("Users").ClickAsync();
        await page.GetByTestId("edit-browser.agent@example.com").ClickAsync();
        await page.GetByTestId("user-editor").GetByLabel("Inbound number").FillAsync("0157");
        await page.GetByTestId("number-choice").Filter(new() { HasText = "+12025550157" }).ClickAsync();
        await page.GetByTestId("editor-preview-number").ClickAsync();

        await Assertions.Expect(page.GetByTestId("impact-counts"))
            .ToContainTextAsync("1 contacts change their SMS number and 1 their voice number");
        await page.GetByTestId("editor-save-number").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbound-browser.agent@example.com"))
            .ToContainTextAsync("+12025550157");

        await page.GetByTestId("nav-menu").GetByText("Audit").ClickAsync();
        var row = page.GetByTestId("audit-table").Locator("tbody tr").Filter(new() { HasText = "inbound-number.set" });
        await Assertions.Expect(row).ToContainTextAsync("browser.admin@example.com");
        await Assertions.Expect(row).ToContainTextAsync("browser.agent@example.com");
        await Assertions.Expect(row).ToContainTextAsync("none → +1 202 555 0157 (SMS, MMS, Voice)");
    }

    private async Task SeedAsync(string agentId)
    {
        await using var scope = session.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Numbers.Add(new TwilioNumber { E164 = "+12025550157", Capabilities = Capabilities.All, CreatedAt = now });
        db.Contacts.Add(new Contact
        {
            ExternalId = "ct_browser",
            FirstName = "Cleo",
            LastName = "Contact",
            AssignedUserId = agentId,
            AssignedAt = now,
            CreatedAt = now,
            ImportedAt = now,
        });
        await db.SaveChangesAsync();
    }
}
