using Microsoft.EntityFrameworkCore;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Contacts.Import;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Contacts.ContactsWorld;

namespace Portal.Tests.Contacts;

public sealed class OutboundHistoryImportTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly string[] RefusedContacts = ["ct_10006", "ct_10008", "ct_10010", "ct_10011", "ct_19999"];

    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(
            "delete from sends; delete from assignment_changes; delete from contacts; "
            + "update account_settings set default_outbound_number_id = null; delete from numbers");
        if (!await db.Users.AnyAsync())
        {
            await AddSampleUsersAsync(db);
        }

        await ImportSampleContactsAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sends_of_contacts_that_were_not_imported_are_reported_and_skipped()
    {
        await using var db = database.CreateDbContext();
        await AddOwnedNumbersAsync(db);

        var result = await ImportSampleHistoryAsync(db);

        var skipped = result.Rows.Problems;
        Assert.Equal(11, skipped.Count);
        Assert.All(skipped, p => Assert.Equal(("Contact Id", ImportProblemKind.Refused), (p.Column, p.Kind)));
        Assert.All(skipped, p => Assert.Contains(p.ExternalId, RefusedContacts));
        Assert.Equal(900 - 11, result.Rows.Imported);
        Assert.Equal(900 - 11, await db.Sends.CountAsync());
    }

    [Fact]
    public async Task Each_contacts_previous_number_is_the_from_number_of_its_latest_send_that_counts()
    {
        await using var db = database.CreateDbContext();
        await AddOwnedNumbersAsync(db);

        await ImportSampleHistoryAsync(db);

        var expected = ExpectedPreviousNumbers();
        var actual = await db.Contacts.Where(c => c.PreviousNumberId != null)
            .Select(c => new { c.ExternalId, c.PreviousNumber!.E164 })
            .ToDictionaryAsync(c => c.ExternalId, c => c.E164);
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.Contains(FailedLast(), actual.ContainsKey);
    }

    [Fact]
    public async Task A_from_number_the_account_does_not_own_is_kept_as_a_released_number()
    {
        await using var db = database.CreateDbContext();
        await AddOwnedNumbersAsync(db);

        var result = await ImportSampleHistoryAsync(db);

        Assert.Equal(1, result.NumbersCreated);
        var gone = await db.Numbers.SingleAsync(n => n.E164 == "+12025550177");
        Assert.True(gone.IsReleased);
        Assert.Equal(44, await db.Sends.CountAsync(s => s.FromNumberId == gone.Id));
        Assert.False(await db.Numbers.AnyAsync(n => n.IsReleased && n.E164 != "+12025550177"));
    }

    [Fact]
    public async Task Before_the_numbers_are_synced_every_from_number_is_created_as_needed()
    {
        await using var db = database.CreateDbContext();

        var result = await ImportSampleHistoryAsync(db);

        var fromNumbers = File.ReadLines(Sample("outbound-history.csv")).Skip(1).Select(l => l.Split(',')[2])
            .Distinct().Count();
        Assert.Equal(fromNumbers, result.NumbersCreated);
        Assert.Equal(fromNumbers, await db.Numbers.CountAsync());
        Assert.Equal(889, await db.Sends.CountAsync());
    }

    [Fact]
    public async Task A_second_import_of_the_same_history_changes_nothing()
    {
        await using var db = database.CreateDbContext();
        await AddOwnedNumbersAsync(db);
        await ImportSampleHistoryAsync(db);
        var before = await SnapshotAsync(db);

        var again = await ImportSampleHistoryAsync(db);

        Assert.Equal((0, 889, 0), (again.Rows.Imported, again.Rows.AlreadyPresent, again.NumbersCreated));
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task A_row_with_an_unknown_channel_or_time_is_refused_and_the_rest_is_imported()
    {
        await using var db = database.CreateDbContext();
        using var csv = new StringReader(
            "Contact Id,To,From,Channel,Sent At,Status,Sid\n"
            + "ct_10000,+13055550190,+12025550110,fax,2025-06-01T00:00:00Z,delivered,SMx1\n"
            + "ct_10000,+13055550190,+12025550110,sms,yesterday,delivered,SMx2\n"
            + "ct_10000,+13055550190,+12025550110,sms,2025-06-01T00:00:00Z,delivered,SMx3\n");

        var result = await HistoryImport(db).ImportAsync(csv, Importer);

        Assert.Equal(
            ["2 Channel 'fax' is not a channel; use sms, mms or voice. The send was skipped.",
             "3 Sent At 'yesterday' is not a time; write it as 2025-06-01T09:33:00Z. The send was skipped."],
            result.Rows.Problems.Select(p => $"{p.Line} {p.Column} {p.Message}"));
        Assert.Equal(1, result.Rows.Imported);
    }

    // The contract's own reading of the file: rows are oldest first, so the last counting row of a contact wins.
    private static Dictionary<string, string> ExpectedPreviousNumbers()
    {
        var imported = File.ReadLines(Sample("contacts.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        imported.ExceptWith(RefusedContacts);
        var previous = new Dictionary<string, string>();
        foreach (var fields in File.ReadLines(Sample("outbound-history.csv")).Skip(1).Select(l => l.Split(',')))
        {
            if (imported.Contains(fields[0]) && fields[5] is not ("failed" or "canceled"))
            {
                previous[fields[0]] = fields[2];
            }
        }

        return previous;
    }

    // Contacts whose latest send failed or was canceled: their previous number is an earlier send's.
    private static List<string> FailedLast()
    {
        var last = new Dictionary<string, string>();
        foreach (var fields in File.ReadLines(Sample("outbound-history.csv")).Skip(1).Select(l => l.Split(',')))
        {
            last[fields[0]] = fields[5];
        }

        return last.Where(p => p.Value is "failed" or "canceled").Select(p => p.Key).ToList();
    }

    private static async Task AddOwnedNumbersAsync(Portal.Database.PortalDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var e164 in File.ReadLines(Sample("outbound-history.csv")).Skip(1).Select(l => l.Split(',')[2])
                     .Distinct().Where(n => n != "+12025550177"))
        {
            db.Numbers.Add(new TwilioNumber { E164 = e164, Capabilities = Capabilities.All, CreatedAt = now });
        }

        await db.SaveChangesAsync();
    }

    private static async Task<string> SnapshotAsync(Portal.Database.PortalDbContext db)
    {
        var contacts = await db.Contacts.OrderBy(c => c.Id)
            .Select(c => $"{c.Id} {c.PreviousNumberId} {c.Version}").ToListAsync();
        var sends = await db.Sends.CountAsync();
        var numbers = await db.Numbers.OrderBy(n => n.Id).Select(n => $"{n.E164} {n.IsReleased} {n.Version}")
            .ToListAsync();
        return string.Join('\n', contacts.Concat(numbers)) + $"\n{sends} sends";
    }
}
