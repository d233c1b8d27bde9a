using System.Diagnostics;
using System.Globalization;
using System.Net.Mail;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portal.Database;
using Portal.Features.Audit;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Contacts.Import;

/// <summary>
/// Imports contacts from a CRM export with the columns of samples/contacts.csv, matched by header name. Phones are
/// read into E.164; bad rows are reported with line, column and reason and the rest is imported in one transaction.
/// A contact whose CRM id is already stored is left as it is, so importing a file twice changes nothing.
/// </summary>
public sealed class ContactCsvImport(
    PortalDbContext db, PhoneSpelling phones, InputChanges changes, ILogger<ContactCsvImport> logger)
{
    public const string ImportActor = "import";

    private const string Expected =
        "Contact Id, First Name, Last Name, Email, Phone, Company, Tags, Assigned To, Created Date";

    private static readonly string[] Required = ["contact id", "first name", "last name", "email", "phone"];

    private static readonly string[] DateFormats = ["M/d/yyyy", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "o"];

    public async Task<ImportResult> ImportAsync(
        TextReader csv, Actor actor, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<ImportProblem>();
        var owners = await OwnerDirectory.LoadAsync(db, cancellationToken);

        var rows = ReadRows(csv, owners, problems, progress, cancellationToken);
        var (fresh, alreadyPresent) = await SetAsideStoredAsync(rows, problems, cancellationToken);

        progress?.Report(new ImportProgress("Saving", fresh.Count));
        await SaveAsync(fresh, actor, cancellationToken);
        if (fresh.Count > 0)
        {
            await changes.PublishAsync(InputChange.Broad(InputChangeKind.Assignment));
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        var result = new ImportResult(fresh.Count, alreadyPresent, problems, clock.Elapsed);
        LogResult(result);
        return result;
    }

    private sealed record Row(
        int Line, string ExternalId, string FirstName, string LastName, string? Email, string? Phone,
        string? Company, string? Tags, string? OwnerId, DateTimeOffset CreatedAt);

    private List<Row> ReadRows(
        TextReader csv, OwnerDirectory owners, List<ImportProblem> problems, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var reader = CsvRows.Open(csv);
        var rows = new List<Row>();
        var byPhone = new Dictionary<string, string>();
        var byEmail = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byId = new HashSet<string>(StringComparer.Ordinal);
        var importedAt = DateTimeOffset.UtcNow;

        var first = true;
        while (reader.Read())
        {
            if (first)
            {
                CsvRows.RequireColumns(reader, "The contacts file", Required, Expected);
                first = false;
            }

            var line = (int)reader.LineNumber;
            if (ReadRow(reader, line, owners, importedAt, problems) is not { } row)
            {
                continue;
            }

            if (Repeats(row, byPhone, byEmail, byId) is { } duplicate)
            {
                problems.Add(duplicate);
                continue;
            }

            rows.Add(row);
            if (rows.Count % 5000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress("Reading", rows.Count));
            }
        }

        if (first)
        {
            throw new ImportRefusedException($"The contacts file is empty. Expected a first line with {Expected}.");
        }

        progress?.Report(new ImportProgress("Read", rows.Count));
        return rows;
    }

    private Row? ReadRow(
        CsvReader reader, int line, OwnerDirectory owners, DateTimeOffset importedAt, List<ImportProblem> problems)
    {
        var id = CsvRows.Field(reader, "contact id");
        if (id.Length == 0)
        {
            problems.Add(new ImportProblem(line, "Contact Id", null, ImportProblemKind.Refused,
                "the row has no Contact Id; each contact needs the CRM's id so that a later import recognises it."));
            return null;
        }

        var phoneText = CsvRows.Field(reader, "phone");
        string? phone = null;
        if (phoneText.Length > 0)
        {
            phone = phones.ToE164(phoneText, out var phoneProblem);
            if (phone is null)
            {
                ContactsLog.RowRefused(logger, line, PhoneSpelling.Masked(phoneText), "Phone");
                problems.Add(new ImportProblem(line, "Phone", id, ImportProblemKind.Refused,
                    phoneProblem + " The contact was not imported."));
                return null;
            }
        }

        var emailText = CsvRows.Field(reader, "email");
        var email = IsEmail(emailText) ? emailText.ToLowerInvariant() : null;
        if (email is null && phone is null)
        {
            var why = emailText.Length == 0 ? "has neither a phone nor an email" : $"has no phone and '{emailText}' is "
                + "not an email address";
            problems.Add(new ImportProblem(line, emailText.Length == 0 ? "Phone" : "Email", id,
                ImportProblemKind.Refused, $"the row {why}; a contact needs one of them to be reached. "
                                           + "The contact was not imported."));
            return null;
        }

        if (email is null && emailText.Length > 0)
        {
            problems.Add(new ImportProblem(line, "Email", id, ImportProblemKind.Warning,
                $"'{emailText}' is not an email address, so it was dropped; the contact was imported with its phone."));
        }

        return new Row(line, id, CsvRows.Field(reader, "first name"), CsvRows.Field(reader, "last name"), email,
            phone, Optional(CsvRows.Field(reader, "company")), Optional(CsvRows.Field(reader, "tags")),
            Owner(reader, line, id, owners, problems), CreatedAt(reader, line, id, importedAt, problems));
    }

    private static string? Owner(
        CsvReader reader, int line, string id, OwnerDirectory owners, List<ImportProblem> problems)
    {
        var ownerText = CsvRows.Field(reader, "assigned to");
        if (ownerText.Length == 0)
        {
            return null;
        }

        var owner = owners.Match(ownerText, out var why);
        if (owner is null)
        {
            problems.Add(new ImportProblem(line, "Assigned To", id, ImportProblemKind.Warning,
                why + " The contact was imported unassigned; assign it on the Contacts page."));
        }

        return owner;
    }

    private static DateTimeOffset CreatedAt(
        CsvReader reader, int line, string id, DateTimeOffset importedAt, List<ImportProblem> problems)
    {
        var text = CsvRows.Field(reader, "created date");
        if (text.Length == 0)
        {
            return importedAt;
        }

        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
        {
            return created;
        }

        problems.Add(new ImportProblem(line, "Created Date", id, ImportProblemKind.Warning,
            $"'{text}' is not a date (MM/DD/YYYY or YYYY-MM-DD); the time of the import was used instead."));
        return importedAt;
    }

    private static ImportProblem? Repeats(
        Row row, Dictionary<string, string> byPhone, Dictionary<string, string> byEmail, HashSet<string> byId)
    {
        if (!byId.Add(row.ExternalId))
        {
            return new ImportProblem(row.Line, "Contact Id", row.ExternalId, ImportProblemKind.Duplicate,
                $"{row.ExternalId} appears on an earlier row; this row was not imported.");
        }

        if (row.Phone is not null && byPhone.TryGetValue(row.Phone, out var samePhone))
        {
            return new ImportProblem(row.Line, "Phone", row.ExternalId, ImportProblemKind.Duplicate,
                $"the phone is {samePhone}'s phone on an earlier row (the same person?); this row was not imported.");
        }

        if (row.Email is not null && byEmail.TryGetValue(row.Email, out var sameEmail))
        {
            return new ImportProblem(row.Line, "Email", row.ExternalId, ImportProblemKind.Duplicate,
                $"{row.Email} is {sameEmail}'s email on an earlier row (the same person?); this row was not imported.");
        }

        if (row.Phone is not null)
        {
            byPhone[row.Phone] = row.ExternalId;
        }

        if (row.Email is not null)
        {
            byEmail[row.Email] = row.ExternalId;
        }

        return null;
    }

    // Rows whose CRM id is stored were imported before and stay as they are; rows whose phone or email belongs to
    // a stored contact under another id are reported as duplicates of it.
    private async Task<(List<Row> Fresh, int AlreadyPresent)> SetAsideStoredAsync(
        List<Row> rows, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.ExternalId).ToList();
        var stored = (await db.Contacts.Where(c => ids.Contains(c.ExternalId)).Select(c => c.ExternalId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var candidates = rows.Where(r => !stored.Contains(r.ExternalId)).ToList();

        var candidatePhones = candidates.Where(r => r.Phone is not null).Select(r => r.Phone!).ToList();
        var candidateEmails = candidates.Where(r => r.Email is not null).Select(r => r.Email!).ToList();
        var holders = await db.Contacts
            .Where(c => candidatePhones.Contains(c.Phone!) || candidateEmails.Contains(c.Email!))
            .Select(c => new { c.ExternalId, c.Phone, c.Email })
            .ToListAsync(cancellationToken);
        var phoneHolders = holders.Where(h => h.Phone is not null).ToDictionary(h => h.Phone!, h => h.ExternalId);
        var emailHolders = holders.Where(h => h.Email is not null).ToDictionary(h => h.Email!, h => h.ExternalId);

        var fresh = new List<Row>(candidates.Count);
        foreach (var row in candidates)
        {
            if (row.Phone is not null && phoneHolders.TryGetValue(row.Phone, out var holder))
            {
                problems.Add(new ImportProblem(row.Line, "Phone", row.ExternalId, ImportProblemKind.Duplicate,
                    $"the phone already belongs to the stored contact {holder}; this row was not imported."));
            }
            else if (row.Email is not null && emailHolders.TryGetValue(row.Email, out holder))
            {
                problems.Add(new ImportProblem(row.Line, "Email", row.ExternalId, ImportProblemKind.Duplicate,
                    $"{row.Email} already belongs to the stored contact {holder}; this row was not imported."));
            }
            else
            {
                fresh.Add(row);
            }
        }

        return (fresh, stored.Count);
    }

    private async Task SaveAsync(List<Row> rows, Actor actor, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await CopyAsync(connection, rows, now, cancellationToken);
            await RecordAssignmentsAsync(rows, now, cancellationToken);

            AuditTrail.Record(db, actor, "contacts.imported", $"{rows.Count} contacts", [], null,
                $"{rows.Count} contacts, {rows.Count(r => r.OwnerId is not null)} of them assigned");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ImportRefusedException(
                "Some of these contacts were stored by another import at the same time, so nothing was imported. "
                + "Import the file again: the contacts already stored will be left as they are.");
        }
    }

    // COPY rather than one INSERT a row: an agency's export of 100,000 contacts loads in seconds, not minutes.
    private static async Task CopyAsync(
        NpgsqlConnection connection, List<Row> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy contacts (external_id, first_name, last_name, email, phone, company, tags, assigned_user_id, "
            + "assigned_at, created_at, imported_at) from stdin (format binary)", cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(row.ExternalId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.FirstName, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.LastName, NpgsqlDbType.Text, cancellationToken);
            await WriteTextAsync(writer, row.Email, cancellationToken);
            await WriteTextAsync(writer, row.Phone, cancellationToken);
            await WriteTextAsync(writer, row.Company, cancellationToken);
            await WriteTextAsync(writer, row.Tags, cancellationToken);
            await WriteTextAsync(writer, row.OwnerId, cancellationToken);
            if (row.OwnerId is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.WriteAsync(row.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken token)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(token);
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlDbType.Text, token);
        }
    }

    private async Task RecordAssignmentsAsync(List<Row> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assigned = rows.Where(r => r.OwnerId is not null).Select(r => r.ExternalId).ToArray();
        if (assigned.Length == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
             insert into assignment_changes (contact_id, from_user_id, to_user_id, changed_at, changed_by)
             select id, null, assigned_user_id, {now}, {ImportActor}
             from contacts where external_id = any({assigned})
             """, cancellationToken);
    }

    private static bool IsEmail(string text) =>
        text.Length > 0 && MailAddress.TryCreate(text, out var address) && address.Address == text;

    private static string? Optional(string text) => text.Length == 0 ? null : text;

    private void LogResult(ImportResult result)
    {
        ContactsLog.ContactsImported(logger, result.Imported, result.AlreadyPresent,
            result.Count(ImportProblemKind.Refused), result.Count(ImportProblemKind.Duplicate),
            result.Count(ImportProblemKind.Warning), (long)result.Took.TotalMilliseconds);
    }
}
