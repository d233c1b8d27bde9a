using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;
using Portal.Database.Identity;
using Portal.Features.Live;
using Portal.Features.Users;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Users;

// The page against the real services and database; only the logged-in user is bUnit's fake.
// MudBlazor's services dispose only asynchronously, so the bUnit context is a member disposed in DisposeAsync.
public sealed class UsersPageTests : IClassFixture<UsersWorld>, IAsyncLifetime
{
    private readonly UsersWorld _world;
    private readonly BunitContext _bunit = new();
    private readonly BunitAuthorizationContext _auth;

    public UsersPageTests(UsersWorld world)
    {
        _world = world;

        // Each step waits on PostgreSQL; the default second is too short when the whole suite shares two cores.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddSingleton(world.Accounts());
        _bunit.Services.AddSingleton(world.Portal.Services.GetRequiredService<InputChanges>());
        _auth = _bunit.AddAuthorization();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public async Task Support_sees_users_and_their_numbers_but_no_way_to_change_them()
    {
        var number = await _world.NumberAsync();
        var agent = await _world.UserAsync(PortalRoles.Agent, "Ola Listed", number);
        await LogInAsync(PortalRoles.Support, "Sid Support");

        var page = RenderPage();

        page.WaitForAssertion(() =>
            Assert.Contains(number.E164, page.Find($"[data-testid='inbound-{agent.Email}']").TextContent));
        Assert.Contains(NumberSpelling.National(number.E164), page.Find($"[data-testid='inbound-{agent.Email}']")
            .TextContent);
        Assert.NotNull(page.Find("[data-testid=read-only]"));
        Assert.Empty(page.FindAll("[data-testid=new-user]"));
        Assert.Empty(page.FindAll($"[data-testid='edit-{agent.Email}']"));
        Assert.Empty(page.FindAll("[data-testid=user-import]"));
    }

    [Fact]
    public async Task The_picker_offers_only_active_numbers_that_no_other_user_holds()
    {
        var own = await _world.NumberAsync();
        var free = await _world.NumberAsync();
        var taken = await _world.NumberAsync();
        var released = await _world.NumberAsync(released: true);
        var agent = await _world.UserAsync(PortalRoles.Agent, "Pam Picker", own);
        await _world.UserAsync(PortalRoles.Agent, "Tom Taker", taken);
        await LogInAsync(PortalRoles.Admin, "Ada Admin");
        var page = RenderPage();

        var picker = OpenEditor(page, agent);
        var offered = await OfferedAsync(picker);

        var ids = offered.Select(c => c.Id).ToHashSet();
        Assert.Contains(own.Id, ids);
        Assert.Contains(free.Id, ids);
        Assert.DoesNotContain(taken.Id, ids);
        Assert.DoesNotContain(released.Id, ids);
        Assert.Equal(own.Id, picker.Instance.GetState(x => x.Value)?.Id);
    }

    [Fact]
    public async Task Saving_a_number_shows_the_impact_first_then_the_new_number_in_the_list()
    {
        var number = await _world.NumberAsync();
        var agent = await _world.UserAsync(PortalRoles.Agent, "Ivo Impact");
        await _world.ContactsAsync(agent, 2);
        await LogInAsync(PortalRoles.Admin, "Ada Admin");
        var page = RenderPage();
        var picker = OpenEditor(page, agent);

        await ChooseAsync(page, picker, number.Id);
        page.Find("button[data-testid=editor-preview-number]").Click();
        page.WaitForAssertion(() => Assert.Contains("2 contacts change their SMS number and 2 their voice number",
            page.Find("[data-testid=impact-counts]").TextContent));
        page.Find("button[data-testid=editor-save-number]").Click();

        page.WaitForAssertion(() =>
            Assert.Contains(number.E164, page.Find($"[data-testid='inbound-{agent.Email}']").TextContent));
        Assert.Equal(number.Id, (await _world.ReloadAsync(agent)).InboundNumberId);
    }

    [Fact]
    public async Task A_number_another_admin_gave_away_meanwhile_is_refused_with_the_holders_name()
    {
        var number = await _world.NumberAsync();
        var agent = await _world.UserAsync(PortalRoles.Agent, "Una Late");
        var rival = await _world.UserAsync(PortalRoles.Agent, "Rob Rival");
        var admin = await _world.UserAsync(PortalRoles.Admin, "Oz Other");
        await LogInAsync(PortalRoles.Admin, "Ada Admin");
        var page = RenderPage();
        var picker = OpenEditor(page, agent);
        await ChooseAsync(page, picker, number.Id);

        await _world.Accounts().SetInboundNumberAsync(UsersWorld.As(admin), rival.Id, rival.Version, number.Id);
        page.Find("button[data-testid=editor-preview-number]").Click();
        page.WaitForElement("button[data-testid=editor-save-number]").Click();

        page.WaitForAssertion(() => Assert.Equal(UserAccounts.HeldBy(number.E164, "Rob Rival"),
            page.Find("[data-testid=editor-error]").TextContent.Trim()));
        Assert.Null((await _world.ReloadAsync(agent)).InboundNumberId);
    }

    [Fact]
    public async Task A_role_change_on_a_user_someone_else_changed_meanwhile_is_refused_with_who_and_when()
    {
        var agent = await _world.UserAsync(PortalRoles.Agent, "Val Contested");
        var other = await _world.UserAsync(PortalRoles.Admin, "Oz Other");
        await LogInAsync(PortalRoles.Admin, "Ada Admin");
        var page = RenderPage();
        OpenEditor(page, agent);

        await _world.Accounts().SetInboundNumberAsync(
            UsersWorld.As(other), agent.Id, agent.Version, (await _world.NumberAsync()).Id);
        var role = page.FindComponent<MudSelect<string>>();
        await page.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(PortalRoles.Support));
        page.Find("button[data-testid=editor-save-role]").Click();

        page.WaitForAssertion(() => Assert.StartsWith($"Val Contested was changed by {other.Email} at ",
            page.Find("[data-testid=editor-error]").TextContent.Trim()));
        Assert.Contains("reload", page.Find("[data-testid=editor-error]").TextContent);
    }

    [Fact]
    public async Task Deactivating_asks_where_the_contacts_go_shows_the_impact_and_then_marks_the_user_deactivated()
    {
        var leavingLine = await _world.NumberAsync();
        var heirLine = await _world.NumberAsync();
        var leaving = await _world.UserAsync(PortalRoles.Agent, "Lea Leaving", leavingLine);
        var heir = await _world.UserAsync(PortalRoles.Agent, "Hugo Heir", heirLine);
        await _world.ContactsAsync(leaving, 3);
        await LogInAsync(PortalRoles.Admin, "Ada Admin");
        var page = RenderPage();
        OpenEditor(page, leaving);

        var heirs = page.FindComponents<MudSelect<string>>().Single(c => c.Instance.Label == "Contacts go to");
        await page.InvokeAsync(() => heirs.Instance.ValueChanged.InvokeAsync(heir.Id));
        page.Find("button[data-testid=editor-preview-deactivate]").Click();
        page.WaitForAssertion(() => Assert.Contains("3 contacts change their SMS number and 3 their voice number",
            page.Find("[data-testid=impact-counts]").TextContent));
        Assert.Contains($"{NumberSpelling.Spaced(leavingLine.E164)} → {NumberSpelling.Spaced(heirLine.E164)} (3)",
            page.Find("[data-testid=impact-preview]").TextContent);
        page.Find("button[data-testid=editor-confirm-deactivate]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"button[data-testid='edit-{leaving.Email}']")));
        Assert.Contains("none", page.Find($"[data-testid='inbound-{leaving.Email}']").TextContent);
        Assert.False((await _world.ReloadAsync(leaving)).IsActive);
    }

    [Fact]
    public async Task Creating_a_user_shows_the_generated_password_once_and_a_bad_email_says_what_is_wrong()
    {
        await LogInAsync(PortalRoles.Admin, "Ada Admin");
        var page = RenderPage();
        page.WaitForElement("button[data-testid=new-user]").Click();

        Input(page, "new-user-email").Change("not-an-email");
        page.Find("button[data-testid=new-user-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("'not-an-email' is not an email address; the user logs in with it.",
            page.Find("[data-testid=new-user-error]").TextContent.Trim()));

        var email = UsersWorld.Unique("nia") + "@example.com";
        Input(page, "new-user-name").Change("Nia New");
        Input(page, "new-user-email").Change(email);
        page.Find("button[data-testid=new-user-save]").Click();

        page.WaitForAssertion(() => Assert.Contains(email, page.Find("[data-testid=created-user]").TextContent));
        Assert.True(page.Find("[data-testid=initial-password]").TextContent.Length >= 16);
    }

    private async Task LogInAsync(string role, string name)
    {
        var user = await _world.UserAsync(role, name);
        _auth.SetAuthorized(user.Email!);
        _auth.SetRoles(role);

        // After the roles: setting the roles rebuilds the principal without earlier claims.
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<ContainerFragment> page, string testId) =>
        page.WaitForElement($"input[data-testid={testId}], [data-testid={testId}] input");

    private IRenderedComponent<ContainerFragment> RenderPage() =>
        _bunit.Render<ContainerFragment>(parameters => parameters.AddChildContent(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<Portal.Features.Users.Users>(1);
            builder.CloseComponent();
        }));

    private static IRenderedComponent<MudAutocomplete<InboundNumberChoice>> OpenEditor(
        IRenderedComponent<ContainerFragment> page, PortalUser user)
    {
        page.WaitForElement($"button[data-testid='edit-{user.Email}']").Click();
        page.WaitForElement("[data-testid=user-editor]");
        page.WaitForAssertion(() => page.FindComponent<MudAutocomplete<InboundNumberChoice>>());
        return page.FindComponent<MudAutocomplete<InboundNumberChoice>>();
    }

    private static async Task<IEnumerable<InboundNumberChoice>> OfferedAsync(
        IRenderedComponent<MudAutocomplete<InboundNumberChoice>> picker)
    {
        var search = picker.Instance.SearchFunc;
        Assert.NotNull(search);
        var searching = search("", CancellationToken.None);
        Assert.NotNull(searching);
        return await searching ?? [];
    }

    private static async Task ChooseAsync(
        IRenderedComponent<ContainerFragment> page, IRenderedComponent<MudAutocomplete<InboundNumberChoice>> picker,
        long numberId)
    {
        var offered = await OfferedAsync(picker);
        var choice = offered.Single(c => c.Id == numberId);
        await page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(choice));
    }
}
