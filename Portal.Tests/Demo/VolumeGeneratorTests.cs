using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Features.Contacts;
using Portal.Features.Demo;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Demo;

public sealed class VolumeGeneratorTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Generated_volumes_are_written_whole_with_previous_numbers_that_follow_the_sends()
    {
        // A database of its own: the other test of this class generates into the shared one.
        var own = new TestDatabase();
        await own.InitializeAsync();
        var generator = new VolumeGenerator(NullLogger<VolumeGenerator>.Instance);

        var report = await generator.GenerateAsync(own.ConnectionString, new Volumes(3_000, 40, 60, 9_000, 5));

        await using var db = own.CreateDbContext();
        Assert.Equal(5, report.Count);
        Assert.Equal(
            (3_000, 40, 60, 9_000),
            (await db.Contacts.CountAsync(), await db.Users.CountAsync(), await db.Numbers.CountAsync(),
                await db.Sends.CountAsync()));
        var all = await db.Contacts.Select(c => c.Id).ToArrayAsync();
        Assert.Equal(0, await PreviousNumbers.RefreshAsync(db, all, CancellationToken.None));
        Assert.True(await db.AccountSettings.AnyAsync(s => s.DefaultOutboundNumberId != null));
        Assert.True(await db.ContactResolutions.Select(r => r.SmsRule).Distinct().CountAsync() >= 4);
        await db.DisposeAsync();
        await own.DisposeAsync();
    }

    [Fact]
    public async Task Generating_twice_into_one_database_is_refused_and_adds_nothing()
    {
        var generator = new VolumeGenerator(NullLogger<VolumeGenerator>.Instance);
        await using var db = database.CreateDbContext();
        if (!await db.Contacts.AnyAsync())
        {
            await generator.GenerateAsync(database.ConnectionString, new Volumes(100, 5, 10, 100, 1));
        }

        var count = await db.Contacts.CountAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => generator.GenerateAsync(database.ConnectionString, new Volumes(100, 5, 10, 100, 1)));

        Assert.Contains("already holds generated contacts", refused.Message);
        Assert.Equal(count, await db.Contacts.CountAsync());
    }
}
