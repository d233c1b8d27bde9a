using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Rules;
using Portal.Features.Numbers;
using Portal.Tests.Infrastructure;
using Xunit.Abstractions;
using static Portal.Tests.Numbers.FakeTwilio;

namespace Portal.Tests.Numbers;

/// <summary>
/// The scripted run behind the sync figures in bench/README.md: 5,000 numbers in Twilio's page format (1,000 a
/// page), read through the SDK alone, then synced (each saved with an audit event), then synced again unchanged.
/// The timings go to the test output.
/// </summary>
public sealed class NumberSyncScaleTests(TestDatabase database, ITestOutputHelper output)
    : IClassFixture<TestDatabase>
{
    private const int Count = 5_000;

    // Limitation: the 10 s target is not asserted here, because on a machine shared by several builds the figure
    // swings by a factor of ten; bench/README.md records measured figures and the command to repeat them.
    [Fact]
    public async Task A_sync_of_5000_numbers_adds_them_all_and_a_second_sync_changes_none()
    {
        var listing = Enumerable.Range(0, Count)
            .Select(i => new ListedNumber($"+1202{i:0000000}", $"PN{i:x32}", $"Line {i}",
                i % 10 == 0 ? Capabilities.Voice : Capabilities.All))
            .ToList();
        var options = FastOptions;
        options.PageSize = 1000;
        var endpoint = new TwilioEndpoint(AccountSid, AccountSid, "token", false,
            () => Listing(listing, options.PageSize));
        await using var db = database.CreateDbContext();

        var read = Stopwatch.StartNew();
        var readOnly = await new TwilioListing(endpoint, options).ReadAsync(null, CancellationToken.None);
        read.Stop();
        var first = Stopwatch.StartNew();
        var added = await Listing(listing, options.PageSize).SyncFor(db, options).SyncAsync(Admin);
        first.Stop();
        var again = Stopwatch.StartNew();
        var unchanged = await Listing(listing, options.PageSize).SyncFor(db, options).SyncAsync(Admin);
        again.Stop();

        output.WriteLine($"{Count} numbers: read only {read.ElapsedMilliseconds} ms; first sync "
                         + $"{first.ElapsedMilliseconds} ms; second sync, unchanged, {again.ElapsedMilliseconds} ms");
        Assert.Equal(Count, readOnly.Count);
        Assert.Equal((Count, Count), (added.Added, unchanged.Unchanged));
        Assert.Equal(Count, await db.Numbers.CountAsync(n => !n.IsReleased));
        Assert.Equal(Count, await db.AuditEvents.CountAsync());
    }
}
