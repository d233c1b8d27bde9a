using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Impact;
using Portal.Features.Live;
using Portal.Features.Numbers;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Numbers.FakeTwilio;

namespace Portal.Tests.Numbers;

// The page against a real database and a fake Twilio; each test has a database of its own.
public sealed class NumbersPageTests : BunitContext, IAsyncLifetime
{
    private static readonly ListedNumber Sales = new("+12025550110", "PN1", "Sales line", Capabilities.All);
    private static readonly ListedNumber VoiceOnly = new("+12025550190", "PN2", "Lobby", Capabilities.Voice);
    private static readonly ListedNumber TextOnly = new("+18005550100", "PN3", "Texts", Capabilities.Sms);
    private static readonly ListedNumber Gone = new("+12025550177", "PN4", "Old line", Capabilities.All);

    private readonly TestDatabase _database = new();
    private FakeTwilio _twilio = Listing([Sales, VoiceOnly, TextOnly]);
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> _host = null!;

    public async Task InitializeAsync()
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        await _database.InitializeAsync();
        await using (var db = _database.CreateDbContext())
        {
            await Listing([Sales, VoiceOnly, TextOnly, Gone]).SyncFor(db).SyncAsync(Admin);
            await Listing([Sales, VoiceOnly, TextOnly]).SyncFor(db).SyncAsync(Admin);
        }

        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped(_ => _database.CreateDbContext());
        Services.AddSingleton<InputChanges>();
        Services.AddScoped<ImpactPreview>();
        Services.AddScoped<NumberUsage>();
        Services.AddScoped<DefaultOutbound>();
        Services.AddScoped<NumberRelease>();
        Services.AddScoped(provider => _twilio.SyncFor(provider.GetRequiredService<PortalDbContext>()));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    private IRenderedComponent<NumbersPage> RenderAs(string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(role == PortalRoles.Admin ? "ada@example.com" : "sam@example.com");
        auth.SetRoles(role);
        _host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NumbersPage>(1);
            builder.CloseComponent();
        });
        var page = _host.FindComponent<NumbersPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=numbers-table] tbody tr").Count));
        return page;
    }

    [Fact]
    public void Support_sees_every_number_and_its_use_but_no_control_that_changes_anything()
    {
        var page = RenderAs(PortalRoles.Support);

        Assert.Contains("only an admin syncs numbers", page.Find("[data-testid=read-only]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=sync-button]"));
        Assert.Empty(page.FindAll("[data-testid=default-picker]"));
        Assert.DoesNotContain("Mark released", page.Markup);
        var table = page.Find("[data-testid=numbers-table]").TextContent;
        Assert.Contains("(202) 555-0110", table);
        Assert.Contains("released", table);
    }

    [Fact]
    public void An_admin_syncs_and_sees_the_result_summary()
    {
        _twilio = Listing([Sales, VoiceOnly]);
        var page = RenderAs(PortalRoles.Admin);

        page.Find("[data-testid=sync-button]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Read 2 numbers from Twilio: 0 added, 0 updated, 0 reactivated, 1 marked released, 2 unchanged.",
            page.Find("[data-testid=sync-result]").TextContent));
        Assert.Equal(2, page.FindAll("td:contains('active')").Count);
    }

    [Fact]
    public void A_failed_sync_shows_twilios_answer_in_plain_words_and_leaves_the_list_as_it_was()
    {
        _twilio = new FakeTwilio(Status(HttpStatusCode.Unauthorized));
        var page = RenderAs(PortalRoles.Admin);
        var before = page.Find("[data-testid=numbers-table]").TextContent;

        page.Find("[data-testid=sync-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("Twilio refused the account's credentials (401)",
            page.Find("[data-testid=sync-result]").TextContent));
        Assert.Contains("Nothing was changed.", page.Find("[data-testid=sync-result]").TextContent);
        Assert.Equal(before, page.Find("[data-testid=numbers-table]").TextContent);
    }

    [Fact]
    public void The_default_picker_offers_only_active_numbers()
    {
        var page = RenderAs(PortalRoles.Admin);

        page.Find("[data-testid=default-picker]").Closest(".mud-input-control")!.MouseDown();

        var offered = _host.WaitForElements(".mud-popover .mud-list-item");
        Assert.Equal(3, offered.Count);
        Assert.DoesNotContain(offered, item => item.TextContent.Contains(Gone.E164));
        Assert.Contains(offered, item => item.TextContent.Contains(VoiceOnly.E164));
    }

    [Theory]
    [InlineData("+12025550190", "cannot send SMS")]
    [InlineData("+18005550100", "cannot make calls")]
    public void Choosing_a_default_that_cannot_text_or_call_shows_a_warning(string e164, string warning)
    {
        var page = RenderAs(PortalRoles.Admin);
        Assert.Empty(page.FindAll("[data-testid=default-warning]"));

        ChooseDefault(page, e164);

        Assert.Contains(warning, page.Find("[data-testid=default-warning]").TextContent);
    }

    [Fact]
    public void The_impact_is_previewed_before_the_default_is_saved()
    {
        var page = RenderAs(PortalRoles.Admin);
        ChooseDefault(page, Sales.E164);
        Assert.Empty(page.FindAll("[data-testid=default-save]"));

        page.Find("[data-testid=default-preview]").Click();
        page.WaitForElement("[data-testid=impact-preview]");
        page.Find("[data-testid=default-save]").Click();

        page.WaitForAssertion(() =>
            Assert.Contains(Sales.E164, page.Find("[data-testid=default-current]").TextContent));
        Assert.Contains("set by ada@example.com", page.Find("[data-testid=default-current]").TextContent);
        Assert.Contains("the default", page.Find("[data-testid=numbers-table]").TextContent);
    }

    [Fact]
    public async Task A_default_changed_by_another_admin_meanwhile_is_refused_with_who_and_when()
    {
        var page = RenderAs(PortalRoles.Admin);
        ChooseDefault(page, Sales.E164);
        page.Find("[data-testid=default-preview]").Click();
        page.WaitForElement("[data-testid=default-save]");
        await using (var db = _database.CreateDbContext())
        {
            var other = new DefaultOutbound(db, new InputChanges(NullLogger<InputChanges>.Instance),
                NullLogger<DefaultOutbound>.Instance);
            var voiceOnlyId = await db.Numbers.Where(n => n.E164 == VoiceOnly.E164).Select(n => n.Id).SingleAsync();
            await other.SetAsync(Person("bo@example.com", PortalRoles.Admin), voiceOnlyId,
                (await other.ReadAsync()).Version);
        }

        page.Find("[data-testid=default-save]").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "The default outbound number was changed by bo@example.com at",
            page.Find("[data-testid=numbers-error]").TextContent));
        Assert.Contains("Reload", page.Find("[data-testid=numbers-error]").TextContent);
    }

    [Fact]
    public void Mark_released_shows_the_impact_first_and_releases_only_when_confirmed()
    {
        var page = RenderAs(PortalRoles.Admin);

        page.FindAll("button").First(b => b.TextContent.Trim() == "Mark released").Click();
        page.WaitForElement("[data-testid=release-preview] [data-testid=impact-preview]");
        Assert.Equal(3, page.FindAll("td:contains('active')").Count);
        page.Find("[data-testid=release-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("td:contains('active')").Count));
        Assert.Empty(page.FindAll("[data-testid=release-preview]"));
    }

    /// <summary>Opens the default picker and clicks the number, as an admin would.</summary>
    private void ChooseDefault(IRenderedComponent<NumbersPage> page, string e164)
    {
        page.Find("[data-testid=default-picker]").Closest(".mud-input-control")!.MouseDown();
        _host.WaitForElements(".mud-popover-open .mud-list-item").First(item => item.TextContent.Contains(e164))
            .Click();
    }
}
