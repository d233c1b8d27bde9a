using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Tests.Infrastructure;
using Portal.Tests.Why;

namespace Portal.Tests.Browser;

public sealed class WhyBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Support_types_a_phone_spelled_differently_and_sees_the_rule_and_the_trace()
    {
        await session.Portal.CreateUserAsync("why.support@example.com", PortalRoles.Support);
        await using (var scope = session.Portal.Services.CreateAsyncScope())
        {
            await WhyFixture.SeedAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        }

        await using var context = await session.Browser.NewContextAsync();
        var page = await session.LogInAsync(context, "why.support@example.com", PortalFactory.Password);
        await page.GetByTestId("nav-menu").GetByText("Why this number?").ClickAsync();
        await BrowserSession.WaitForCircuitAsync(page);

        await page.Locator("input[data-testid=why-search], [data-testid=why-search] input").FillAsync("202.555.0143");
        await page.GetByTestId("why-search-button").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/why/"));
        var sms = page.GetByTestId("why-sms");
        await Assertions.Expect(page.GetByTestId("why-contact")).ToContainTextAsync("Lucia Vega");
        await Assertions.Expect(sms.GetByTestId("why-rule")).ToHaveTextAsync("assigned-user-inbound");
        await Assertions.Expect(sms.GetByTestId("why-from")).ToHaveTextAsync("(202) 555-0101");
        await Assertions.Expect(sms.GetByTestId("why-plainly"))
            .ToHaveTextAsync(
                "Alice Ng is assigned to this contact since 3 Nov 2026 and their inbound number can send SMS.");
        var voice = page.GetByTestId("why-voice");
        await Assertions.Expect(voice.GetByTestId("trace-assigned-user-inbound"))
            .ToContainTextAsync("Skipped: +12025550101 cannot make calls");
        await Assertions.Expect(voice.GetByTestId("trace-assigned-user-default")).ToContainTextAsync("Applies");
    }
}
