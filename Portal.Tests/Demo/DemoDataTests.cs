using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Demo;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Demo;

public sealed class DemoDataTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_demo_load_imports_contacts_and_history_through_the_importers_and_twice_changes_nothing()
    {
        await using var portal = new PortalFactory(database.ConnectionString,
            new Dictionary<string, string?> { ["Demo:Password"] = PortalFactory.Password });

        var first = await LoadAsync(portal);
        var counts = await CountsAsync();
        var second = await LoadAsync(portal);

        Assert.Contains("Contacts: 476 imported, 0 already there, 7 rows reported.", first);
        Assert.Contains(first, line => line.StartsWith("Outbound history: 889 sends imported"));
        Assert.Contains("Contacts: 0 imported, 476 already there, 7 rows reported.", second);
        Assert.Equal((476, 889), counts);
        Assert.Equal(counts, await CountsAsync());
    }

    private static async Task<IReadOnlyList<string>> LoadAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoData>().LoadAsync();
    }

    private async Task<(int Contacts, int Sends)> CountsAsync()
    {
        await using var db = database.CreateDbContext();
        return (await db.Contacts.CountAsync(), await db.Sends.CountAsync());
    }
}
