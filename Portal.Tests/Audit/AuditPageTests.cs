using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Database.Identity;
using Portal.Features.Audit;
using Portal.Infrastructure;
using Portal.Tests.Infrastructure;
using Portal.Tests.Users;

namespace Portal.Tests.Audit;

public sealed class AuditPageTests : IClassFixture<UsersWorld>, IAsyncLifetime
{
    private readonly UsersWorld _world;
    private readonly BunitContext _bunit = new();

    public AuditPageTests(UsersWorld world)
    {
        _world = world;
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddSingleton(new AuditQuery(
            world.Portal.Services.GetRequiredService<IServiceScopeFactory>(),
            world.Portal.Services.GetRequiredService<IConfiguration>()));
        var auth = _bunit.AddAuthorization();
        auth.SetAuthorized("support@example.com");
        auth.SetRoles(PortalRoles.Support);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "support"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public async Task The_page_lists_changes_newest_first_and_a_number_filter_narrows_them()
    {
        await RecordAsync("inbound-number.set", "+14045550101", "none", "+1 404 555 0101 (SMS, MMS, Voice)");
        await RecordAsync("inbound-number.cleared", "+14045550102", "+1 404 555 0102 (Voice)", "none");

        var page = _bunit.Render<ContainerFragment>(parameters => parameters.AddChildContent(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<AuditHistory>(1);
            builder.CloseComponent();
        }));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=audit-table] tbody tr").Count));
        var newest = page.FindAll("[data-testid=audit-table] tbody tr")[0].TextContent;
        Assert.Contains("inbound-number.cleared", newest);
        Assert.Contains("+1 404 555 0102 (Voice) → none", newest);
        Assert.Contains("bo@example.com", newest);

        page.Find("input[data-testid=audit-number], [data-testid=audit-number] input").Change("(404) 555-0101");

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=audit-table] tbody tr"));
            Assert.Contains("inbound-number.set", row.TextContent);
        });
    }

    private async Task RecordAsync(string action, string number, string before, string after)
    {
        await using var db = _world.Db();
        AuditTrail.Record(db, new Actor("bo", "bo@example.com"), action, "ann@example.com", [number], before, after);
        await db.SaveChangesAsync();
    }
}
