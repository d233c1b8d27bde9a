using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Features.Contacts;
using Portal.Features.Contacts.Import;
using Portal.Features.Live;
using Portal.Infrastructure;
using Portal.Tests.Scenarios;

namespace Portal.Tests.Contacts;

/// <summary>The sample files and the importers on a test database, without a web host.</summary>
internal static class ContactsWorld
{
    public static readonly Actor Importer = Actor.System(ContactCsvImport.ImportActor);

    public static string Sample(string fileName) => Path.Combine(ScenarioFiles.RepositoryRoot, "samples", fileName);

    public static ContactCsvImport ContactImport(PortalDbContext db, InputChanges? changes = null) =>
        new(db, new PhoneSpelling("US"), changes ?? Changes(), NullLogger<ContactCsvImport>.Instance);

    public static OutboundHistoryImport HistoryImport(PortalDbContext db, InputChanges? changes = null) =>
        new(db, new PhoneSpelling("US"), changes ?? Changes(), NullLogger<OutboundHistoryImport>.Instance);

    public static InputChanges Changes() => new(NullLogger<InputChanges>.Instance);

    /// <summary>The people of samples/users.csv as active portal users; no roles or passwords are needed.</summary>
    public static async Task AddSampleUsersAsync(PortalDbContext db)
    {
        foreach (var line in File.ReadLines(Sample("users.csv")).Skip(1))
        {
            var fields = line.Split(',');
            db.Users.Add(new PortalUser
            {
                UserName = fields[1],
                NormalizedUserName = fields[1].ToUpperInvariant(),
                Email = fields[1],
                NormalizedEmail = fields[1].ToUpperInvariant(),
                DisplayName = fields[0],
            });
        }

        await db.SaveChangesAsync();
    }

    public static async Task<ImportResult> ImportSampleContactsAsync(
        PortalDbContext db, IProgress<ImportProgress>? progress = null)
    {
        using var csv = File.OpenText(Sample("contacts.csv"));
        return await ContactImport(db).ImportAsync(csv, Importer, progress);
    }

    public static async Task<HistoryImportResult> ImportSampleHistoryAsync(PortalDbContext db)
    {
        using var csv = File.OpenText(Sample("outbound-history.csv"));
        return await HistoryImport(db).ImportAsync(csv, Importer);
    }
}
