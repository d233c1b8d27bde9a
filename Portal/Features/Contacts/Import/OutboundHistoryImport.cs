using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Audit;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Contacts.Import;

/// <summary>
/// Imports past sends from a CSV with the columns of samples/outbound-history.csv. Each accepted send becomes part of
/// its contact's history and the contact's previous number follows its latest counting send. A From number the
/// account no longer owns is kept as a released number so that history stays true. Sends are matched on their
/// Twilio SID, so importing a file twice changes nothing.
/// </summary>
public sealed class OutboundHistoryImport(
    PortalDbContext db, PhoneSpelling phones, InputChanges changes, ILogger<OutboundHistoryImport> logger)
{
    private const string Expected = "Contact Id, To, From, Channel, Sent At, Status, Sid";

    private static readonly string[] Required = ["contact id", "from", "channel", "sent at", "status", "sid"];

    public async Task<HistoryImportResult> ImportAsync(
        TextReader csv, Actor actor, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<ImportProblem>();

        var rows = ReadRows(csv, problems, progress);
        var contacts = await ContactIdsAsync(rows, cancellationToken);
        var (fresh, alreadyPresent) = await SetAsideAsync(rows, contacts, problems, cancellationToken);

        progress?.Report(new ImportProgress("Saving", fresh.Count));
        var (numbersCreated, contactsUpdated) = await SaveAsync(fresh, contacts, actor, cancellationToken);
        if (fresh.Count > 0)
        {
            var affected = fresh.Select(r => contacts[r.ExternalId]).Distinct().ToArray();
            await changes.PublishAsync(new InputChange(InputChangeKind.Send, affected));
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        var result = new HistoryImportResult(
            new ImportResult(fresh.Count, alreadyPresent, problems, clock.Elapsed), numbersCreated, contactsUpdated);
        ContactsLog.HistoryImported(logger, fresh.Count, alreadyPresent, problems.Count, numbersCreated,
            contactsUpdated, (long)clock.Elapsed.TotalMilliseconds);
        return result;
    }

    private sealed record Row(
        int Line, string ExternalId, string? To, string From, Channel Channel, DateTimeOffset SentAt, string Status,
        string Sid);

    private List<Row> ReadRows(TextReader csv, List<ImportProblem> problems, IProgress<ImportProgress>? progress)
    {
        using var reader = CsvRows.Open(csv);
        var rows = new List<Row>();
        var sids = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (reader.Read())
        {
            if (first)
            {
                CsvRows.RequireColumns(reader, "The outbound history file", Required, Expected);
                first = false;
            }

            var line = (int)reader.LineNumber;
            if (ReadRow(reader, line, problems) is not { } row)
            {
                continue;
            }

            if (!sids.Add(row.Sid))
            {
                problems.Add(new ImportProblem(line, "Sid", row.ExternalId, ImportProblemKind.Duplicate,
                    $"{row.Sid} appears on an earlier row; this row was not imported."));
                continue;
            }

            rows.Add(row);
            if (rows.Count % 5000 == 0)
            {
                progress?.Report(new ImportProgress("Reading", rows.Count));
            }
        }

        if (first)
        {
            throw new ImportRefusedException(
                $"The outbound history file is empty. Expected a first line with {Expected}.");
        }

        return rows;
    }

    private Row? ReadRow(CsvReader reader, int line, List<ImportProblem> problems)
    {
        var id = CsvRows.Field(reader, "contact id");
        ImportProblem Refuse(string column, string message) =>
            new(line, column, id.Length == 0 ? null : id, ImportProblemKind.Refused,
                message + " The send was skipped.");

        var fromText = CsvRows.Field(reader, "from");
        var from = phones.ToE164Unchecked(fromText);
        var channelText = CsvRows.Field(reader, "channel").ToLowerInvariant();
        var sentText = CsvRows.Field(reader, "sent at");
        var status = CsvRows.Field(reader, "status").ToLowerInvariant();
        var sid = CsvRows.Field(reader, "sid");

        ImportProblem? problem = null;
        if (id.Length == 0)
        {
            problem = Refuse("Contact Id", "the row has no Contact Id, so it belongs to no contact.");
        }
        else if (from is null || !E164.IsValid(from))
        {
            problem = Refuse("From", $"'{fromText}' is not a phone number; write the From number as +12025550143.");
        }
        else if (!WireCodes.TryParseChannel(channelText, out _))
        {
            problem = Refuse("Channel", $"'{channelText}' is not a channel; use sms, mms or voice.");
        }
        else if (!DateTimeOffset.TryParse(sentText, CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out _))
        {
            problem = Refuse("Sent At", $"'{sentText}' is not a time; write it as 2025-06-01T09:33:00Z.");
        }
        else if (status.Length == 0)
        {
            problem = Refuse("Status", "the row has no status; write Twilio's status, such as delivered or failed.");
        }
        else if (sid.Length == 0)
        {
            problem = Refuse("Sid", "the row has no Twilio SID; a send Twilio accepted always has one.");
        }

        if (problem is not null)
        {
            problems.Add(problem);
            return null;
        }

        WireCodes.TryParseChannel(channelText, out var channel);
        var sentAt = DateTimeOffset.Parse(sentText, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var toText = CsvRows.Field(reader, "to");
        var to = toText.Length == 0 ? null : phones.ToE164(toText, out _) ?? toText;
        return new Row(line, id, to, from!, channel, sentAt, status, sid);
    }

    private async Task<Dictionary<string, long>> ContactIdsAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.ExternalId).Distinct().ToList();
        return await db.Contacts.Where(c => ids.Contains(c.ExternalId))
            .ToDictionaryAsync(c => c.ExternalId, c => c.Id, cancellationToken);
    }

    private async Task<(List<Row> Fresh, int AlreadyPresent)> SetAsideAsync(
        List<Row> rows, Dictionary<string, long> contacts, List<ImportProblem> problems,
        CancellationToken cancellationToken)
    {
        var sids = rows.Select(r => r.Sid).ToList();
        var stored = (await db.Sends.Where(s => sids.Contains(s.Sid!)).Select(s => s.Sid!)
            .ToListAsync(cancellationToken)).ToHashSet();

        var fresh = new List<Row>();
        foreach (var row in rows)
        {
            if (!contacts.ContainsKey(row.ExternalId))
            {
                problems.Add(new ImportProblem(row.Line, "Contact Id", row.ExternalId, ImportProblemKind.Refused,
                    $"there is no contact {row.ExternalId} (was its row refused by the contacts import?); "
                    + "the send was skipped. Import the contact, then this file again."));
            }
            else if (!stored.Contains(row.Sid))
            {
                fresh.Add(row);
            }
        }

        return (fresh, rows.Count(r => stored.Contains(r.Sid)));
    }

    private async Task<(int NumbersCreated, int ContactsUpdated)> SaveAsync(
        List<Row> rows, Dictionary<string, long> contacts, Actor actor, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return (0, 0);
        }

        var now = DateTimeOffset.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var numbers = await NumbersAsync(rows, actor, now, cancellationToken);
        var created = numbers.Values.Count(n => n.Id == 0);
        await db.SaveChangesAsync(cancellationToken);

        db.Sends.AddRange(rows.Select(row => new Send
        {
            ContactId = contacts[row.ExternalId],
            FromNumberId = numbers[row.From].Id,
            To = row.To,
            Channel = WireCodes.Of(row.Channel),
            Sid = row.Sid,
            Status = row.Status,
            SentAt = row.SentAt,
            RecordedAt = now,
            Source = "import",
        }));
        await db.SaveChangesAsync(cancellationToken);

        var affected = rows.Select(r => contacts[r.ExternalId]).Distinct().ToArray();
        var updated = await PreviousNumbers.RefreshAsync(db, affected, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (created, updated);
    }

    // A From number the account does not list is one it gave up (or one the Twilio sync has not listed yet): it is
    // kept as released, so the history stays true and the rules never send from it.
    private async Task<Dictionary<string, TwilioNumber>> NumbersAsync(
        List<Row> rows, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = rows.Select(r => r.From).Distinct().ToList();
        var numbers = await db.Numbers.Where(n => wanted.Contains(n.E164))
            .ToDictionaryAsync(n => n.E164, cancellationToken);
        foreach (var missing in wanted.Where(e164 => !numbers.ContainsKey(e164)))
        {
            var carried = rows.Where(r => r.From == missing)
                .Aggregate(Capabilities.None, (all, row) => all | row.Channel.Capability());
            var number = new TwilioNumber
            {
                E164 = missing,
                FriendlyName = "Known only from outbound history",
                Capabilities = carried,
                IsReleased = true,
                CreatedAt = now,
            };
            db.Numbers.Add(number);
            numbers[missing] = number;
            AuditTrail.Record(db, actor, "number.kept-from-history", missing, [missing], null,
                "released: a From number of imported history that the account does not list");
        }

        return numbers;
    }
}

/// <summary>The outcome of a history import, with the numbers it had to add and the contacts whose P changed.</summary>
public sealed record HistoryImportResult(ImportResult Rows, int NumbersCreated, int ContactsUpdated);
