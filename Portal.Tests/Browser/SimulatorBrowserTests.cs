using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Database.Identity;
using Portal.Features.Simulator;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

public sealed class SimulatorBrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task Support_builds_a_scenario_sees_the_rule_change_on_reassignment_and_exports_a_file_that_passes()
    {
        await session.Portal.CreateUserAsync("sim.support@example.com", PortalRoles.Support);
        await using var context = await session.Browser.NewContextAsync(new() { AcceptDownloads = true });
        var page = await session.LogInAsync(context, "sim.support@example.com", PortalFactory.Password);
        await page.GotoAsync(session.BaseUrl + "/simulator");
        await BrowserSession.WaitForCircuitAsync(page);

        await page.GetByTestId("add-step").ClickAsync();
        await page.GetByTestId("add-step").ClickAsync();
        await ChooseAsync(page, page.GetByTestId("step-2").Locator(".mud-select").First, "assign");
        var userSelect = page.GetByTestId("step-2").Locator(".mud-input-control")
            .Filter(new() { Has = page.GetByText("User", new() { Exact = true }) });
        await ChooseAsync(page, userSelect, "alice");
        await page.GetByTestId("step-2").GetByRole(AriaRole.Button, new() { Name = "Move step up" }).ClickAsync();

        var reassigned = page.GetByTestId("step-2");
        await Assertions.Expect(page.GetByTestId("step-1").Locator(".mud-select").First).ToContainTextAsync("assign");
        await Assertions.Expect(reassigned.GetByTestId("step-rule")).ToHaveTextAsync("assigned-user-inbound");
        await Assertions.Expect(reassigned.GetByTestId("step-from")).ToHaveTextAsync("+12025550101");
        await Assertions.Expect(reassigned.GetByTestId("rule-changed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("step-0").GetByTestId("step-rule"))
            .ToHaveTextAsync("unassigned-default");
        await reassigned.GetByText("Expect this").ClickAsync();

        // The export link is rewritten by the server after the tick; wait until it carries the expectation.
        await page.WaitForFunctionAsync(
            "() => atob(document.querySelector('[data-testid=export-scenario]').getAttribute('href').split(',')[1])"
            + ".includes('\"expect\"')");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-scenario").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"exported-{Guid.NewGuid():N}.json");
        await download.SaveAsAsync(file);
        var output = new StringWriter();
        var exitCode = SimulateCommand.Run([file], output, new StringWriter());
        var exported = await File.ReadAllTextAsync(file);
        File.Delete(file);
        Assert.Equal(0, exitCode);
        Assert.Contains("\"assign\"", exported);
        Assert.Matches(new Regex("\"rule\": \"assigned-user-inbound\""), exported);
        Assert.Contains("2 send c1 sms +12025550101 assigned-user-inbound ok", output.ToString());
    }

    // A select re-rendered by the previous choice can swallow the first click, so open it until its list shows.
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        var items = page.Locator(".mud-popover-open .mud-list-item");
        for (var attempt = 0; attempt < 5 && await items.CountAsync() == 0; attempt++)
        {
            await select.ClickAsync();
            try
            {
                await items.First.WaitForAsync(new() { Timeout = 3000 });
            }
            catch (TimeoutException)
            {
                // Not open yet: click again.
            }
        }

        await items.Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(0);
    }
}
