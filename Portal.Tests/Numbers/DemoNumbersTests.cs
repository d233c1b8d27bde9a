using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Database.Settings;
using Portal.Features.Demo;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Numbers;

public sealed class DemoNumbersTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_demo_load_syncs_the_sample_numbers_and_sets_a_default_once()
    {
        await using var portal = new PortalFactory(database.ConnectionString,
            new Dictionary<string, string?> { ["Demo:Password"] = PortalFactory.Password });

        var first = await LoadAsync(portal);
        var audited = await AuditCountAsync();
        var second = await LoadAsync(portal);

        Assert.Contains("Numbers: Read 64 numbers from the demo listing (samples/twilio): 64 added", first);
        Assert.Contains("Default outbound number: +12025550110 is now the default outbound number.", first);
        Assert.Contains("Numbers: Read 64 numbers from the demo listing (samples/twilio): 0 added, 0 updated, "
                        + "0 reactivated, 0 marked released, 64 unchanged.", second);
        Assert.Contains("Default outbound number: +12025550110 (already set; left as it is).", second);
        await using var db = database.CreateDbContext();
        Assert.Equal(64, await db.Numbers.CountAsync(n => !n.IsReleased));
        var settings = await db.AccountSettings.Include(s => s.DefaultOutboundNumber)
            .SingleAsync(s => s.Id == AccountSettings.SingletonId);
        Assert.Equal(("+12025550110", "demo-load"), (settings.DefaultOutboundNumber!.E164, settings.UpdatedBy));
        Assert.Equal(audited, await AuditCountAsync());
    }

    private static async Task<string> LoadAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DemoData>().LoadAsync();
        return string.Join("\n", report);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEvents.CountAsync();
    }
}
