using Microsoft.EntityFrameworkCore;
using Portal.Features.Contacts.Import;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Contacts.ContactsWorld;

namespace Portal.Tests.Contacts;

public sealed class ContactCsvImportTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("delete from assignment_changes; delete from contacts");
        if (!await db.Users.AnyAsync())
        {
            await AddSampleUsersAsync(db);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Importing_the_sample_refuses_exactly_the_rows_the_data_readme_names_and_imports_476()
    {
        await using var db = database.CreateDbContext();

        var result = await ImportSampleContactsAsync(db);

        Assert.Equal(476, result.Imported);
        Assert.Equal(476, await db.Contacts.CountAsync());
        Assert.Equal(
            [
                "ct_10006 line 8 Phone Refused", "ct_10008 line 10 Phone Refused", "ct_10010 line 12 Phone Refused",
                "ct_10011 line 13 Phone Refused", "ct_10012 line 14 Assigned To Warning",
                "ct_10014 line 16 Email Warning", "ct_19999 line 482 Phone Duplicate",
            ],
            result.Problems.Select(p => $"{p.ExternalId} line {p.Line} {p.Column} {p.Kind}"));
    }

    [Fact]
    public async Task Each_reported_row_says_why_in_words_a_person_can_act_on()
    {
        await using var db = database.CreateDbContext();

        var result = await ImportSampleContactsAsync(db);

        var why = result.Problems.ToDictionary(p => p.ExternalId!, p => p.Message);
        Assert.Contains("national number of another country", why["ct_10006"]);
        Assert.Contains("too short", why["ct_10008"]);
        Assert.Contains("'n/a' is not a phone number", why["ct_10010"]);
        Assert.Contains("too short", why["ct_10011"]);
        Assert.Contains("'nobody@example.com' is not the email of an active portal user", why["ct_10012"]);
        Assert.Contains("imported unassigned", why["ct_10012"]);
        Assert.Contains("'not-an-email' is not an email address, so it was dropped", why["ct_10014"]);
        Assert.Contains("ct_10020", why["ct_19999"]);
    }

    [Fact]
    public async Task Imported_rows_carry_normalised_phones_matched_owners_and_their_assignment_history()
    {
        await using var db = database.CreateDbContext();

        await ImportSampleContactsAsync(db);

        var contacts = await db.Contacts.Include(c => c.AssignedUser).ToDictionaryAsync(c => c.ExternalId);
        Assert.Null(contacts["ct_10009"].Phone);
        Assert.Equal("emma.abbott9@example.net", contacts["ct_10009"].Email);
        Assert.Equal("elif.yilmaz@example.com", contacts["ct_10013"].AssignedUser!.Email);
        Assert.Equal("+16175550159", contacts["ct_10001"].Phone);
        Assert.Equal("+17185550126", contacts["ct_10015"].Phone);
        Assert.Equal("Ødegård", contacts["ct_10015"].LastName);
        Assert.Equal("+442079460958", contacts["ct_10005"].Phone);
        Assert.Equal("Smith, \"Smitty\" & Co", contacts["ct_10016"].Company);
        Assert.Null(contacts["ct_10012"].AssignedUserId);
        Assert.Null(contacts["ct_10014"].Email);
        Assert.Equal("+14155550145", contacts["ct_10014"].Phone);
        Assert.Equal(new DateTimeOffset(2024, 12, 23, 0, 0, 0, TimeSpan.Zero), contacts["ct_10000"].CreatedAt);

        var assigned = contacts.Values.Where(c => c.AssignedUserId is not null).ToList();
        var history = await db.AssignmentChanges.ToListAsync();
        Assert.Equal(assigned.Count, history.Count);
        Assert.All(history, change => Assert.Equal("import", change.ChangedBy));
        Assert.All(history, change => Assert.Null(change.FromUserId));
        Assert.Equal(
            assigned.Select(c => (c.Id, c.AssignedUserId)).Order(),
            history.Select(h => (h.ContactId, h.ToUserId)).Order());
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_changes_nothing()
    {
        await using var db = database.CreateDbContext();
        await ImportSampleContactsAsync(db);
        var before = await SnapshotAsync(db);

        var again = await ImportSampleContactsAsync(db);

        Assert.Equal(0, again.Imported);
        Assert.Equal(476, again.AlreadyPresent);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task A_file_without_a_phone_column_is_refused_whole_and_the_stored_contacts_stay()
    {
        await using var db = database.CreateDbContext();
        await ImportSampleContactsAsync(db);
        var before = await SnapshotAsync(db);
        using var csv = new StringReader("Contact Id,First Name,Last Name,Email\nct_1,Ann,Lee,ann@example.com\n");

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(
            () => ContactImport(db).ImportAsync(csv, Importer));

        Assert.Contains("lacks the column(s) phone", refused.Message);
        Assert.Contains("Expected the columns Contact Id, First Name, Last Name, Email, Phone", refused.Message);
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Fact]
    public async Task A_row_whose_phone_belongs_to_a_stored_contact_under_another_id_is_a_duplicate()
    {
        await using var db = database.CreateDbContext();
        await ImportSampleContactsAsync(db);
        using var csv = new StringReader(
            "CONTACT ID,first name,Last Name,Email,Phone\n"
            + "ct_new,Lucia,Vega,lucia@example.org,(305) 555-0190\n"
            + "ct_other,Ann,Lee,ann@example.org,+1 202 555 0199\n");

        var result = await ContactImport(db).ImportAsync(csv, Importer);

        Assert.Equal(1, result.Imported);
        var duplicate = Assert.Single(result.Problems);
        Assert.Equal((2, "Phone", ImportProblemKind.Duplicate), (duplicate.Line, duplicate.Column, duplicate.Kind));
        Assert.Contains("stored contact ct_10000", duplicate.Message);
        Assert.True(await db.Contacts.AnyAsync(c => c.ExternalId == "ct_other" && c.Phone == "+12025550199"));
    }

    [Fact]
    public async Task A_large_file_reports_its_progress()
    {
        await using var db = database.CreateDbContext();
        var lines = Enumerable.Range(0, 12_000).Select(i => $"big_{i},F{i},L{i},big{i}@example.org,");
        using var csv = new StringReader("Contact Id,First Name,Last Name,Email,Phone\n" + string.Join('\n', lines));
        var reports = new List<ImportProgress>();

        var result = await ContactImport(db).ImportAsync(csv, Importer, new SynchronousProgress(reports));

        Assert.Equal(12_000, result.Imported);
        Assert.Equal(
            ["Reading 5000", "Reading 10000", "Read 12000", "Saving 12000"],
            reports.Select(r => $"{r.Stage} {r.Rows}"));
    }

    private static async Task<string> SnapshotAsync(Portal.Database.PortalDbContext db)
    {
        var contacts = await db.Contacts.OrderBy(c => c.Id)
            .Select(c => $"{c.Id} {c.ExternalId} {c.Phone} {c.Email} {c.AssignedUserId} {c.Version}")
            .ToListAsync();
        var changes = await db.AssignmentChanges.CountAsync();
        var audits = await db.AuditEvents.CountAsync();
        return string.Join('\n', contacts) + $"\n{changes} assignment changes, {audits} audit events";
    }

    // Progress<T> posts to the thread pool; the test wants every report, in order, before it asserts.
    private sealed class SynchronousProgress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
