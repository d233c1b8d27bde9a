using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Domain.Rules;
using Portal.Domain.Scenarios;
using Portal.Features.Live;

namespace Portal.Features.Sends;

/// <summary>A send to record: made by the portal, reported by the CRM's pipeline, or read from history.</summary>
public sealed record SendToRecord(
    long ContactId,
    string From,
    Channel Channel,
    string? Sid,
    string Status,
    DateTimeOffset? SentAt,
    string Source,
    ExplainedResolution? ChosenBy = null,
    string? To = null);

/// <summary>Why a send was not recorded, in words a person can act on.</summary>
public sealed class SendRefusedException(string message) : Exception(message);

/// <summary>
/// Records sends and keeps each contact's previous number (the From number of its latest counting send) up to date,
/// in the same transaction as the send.
/// </summary>
public sealed class SendLedger(PortalDbContext db, InputChanges changes, ILogger<SendLedger> logger)
{
    /// <summary>How far ahead of this server's clock a reported send time may be (other clocks drift).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public async Task<Send> RecordAsync(SendToRecord input, CancellationToken cancellationToken = default)
    {
        var from = await db.Numbers.SingleOrDefaultAsync(n => n.E164 == input.From, cancellationToken);
        if (from is null || from.IsReleased)
        {
            throw new SendRefusedException(
                $"{input.From} is not a number the account owns; send from one of the numbers on the Numbers page.");
        }

        if ((from.Capabilities & input.Channel.Capability()) == 0)
        {
            throw new SendRefusedException(
                $"{input.From} cannot carry {WireCodes.Of(input.Channel)}, so no {WireCodes.Of(input.Channel)} "
                + "can have been sent from it; check the channel or the From number.");
        }

        // A send dated ahead would outrank every real one as the previous number until that date.
        if (input.SentAt > DateTimeOffset.UtcNow.Add(AllowedClockSkew))
        {
            throw new SendRefusedException(
                $"sentAt {input.SentAt:O} is in the future; give the time the send was made, or leave it out.");
        }

        if (!await db.Contacts.AnyAsync(c => c.Id == input.ContactId, cancellationToken))
        {
            throw new SendRefusedException($"There is no contact {input.ContactId}.");
        }

        if (input.Sid is not null && await db.Sends.AnyAsync(s => s.Sid == input.Sid, cancellationToken))
        {
            throw new SendRefusedException($"A send with SID {input.Sid} is already recorded.");
        }

        var send = new Send
        {
            ContactId = input.ContactId,
            FromNumberId = from.Id,
            To = input.To,
            Channel = WireCodes.Of(input.Channel),
            Sid = input.Sid,
            Status = input.Status,
            SentAt = input.SentAt ?? DateTimeOffset.UtcNow,
            RecordedAt = DateTimeOffset.UtcNow,
            Rule = input.ChosenBy is null ? null : WireCodes.Of(input.ChosenBy.Rule),
            Trace = input.ChosenBy is null ? null : TraceJson(input.ChosenBy),
            Source = input.Source,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Sends.Add(send);
        await db.SaveChangesAsync(cancellationToken);
        await RefreshPreviousNumbersAsync(db, [input.ContactId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        SendLog.Recorded(logger, send.Id, input.ContactId, send.Channel, input.From, send.Status, input.Source);
        await changes.PublishAsync(new InputChange(InputChangeKind.Send, [input.ContactId]));
        return send;
    }

    /// <summary>
    /// Sets each contact's previous number from its sends: the latest counting one by send time, ties to the one
    /// recorded last; none when no send counts.
    /// </summary>
    public static async Task RefreshPreviousNumbersAsync(
        PortalDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken)
    {
        var ids = contactIds.ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             update contacts c
             set previous_number_id = (
                 select s.from_number_id from sends s
                 where s.contact_id = c.id and s.counts
                 order by s.sent_at desc, s.id desc
                 limit 1)
             where c.id = any({ids})
             """,
            cancellationToken);
    }

    // Typed as the report's own trace property, which the source-generated JSON context knows; a List<> it does not.
    private static string TraceJson(ExplainedResolution resolution) =>
        JsonSerializer.Serialize<IReadOnlyList<TraceEntryReport>>(
            [.. resolution.Trace.Select(TraceEntryReport.Of)], ReportJson.Options);
}

internal static partial class SendLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information,
        Message = "Send {SendId} recorded for contact {ContactId}: {Channel} from {From}, status {Status}, "
                  + "via {Source}")]
    public static partial void Recorded(
        ILogger logger, long sendId, long contactId, string channel, string from, string status, string source);
}
