using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Features.Live;

namespace Portal.Features.Sends;

/// <summary>
/// What Twilio says about one send: from a status callback or a look-up. SendId is the portal's own reference (carried
/// in the callback URL), known even when Twilio's answer to the send was lost; Sid is Twilio's.
/// </summary>
public sealed record StatusReport(long? SendId, string? Sid, string Status);

/// <summary>What a status report did to the send it names.</summary>
public enum StatusReportOutcome
{
    /// <summary>The send moved to the reported status, or learned its SID.</summary>
    Changed,

    /// <summary>A repeat, a late report (sent after delivered) or a status the portal does not rank.</summary>
    Unchanged,

    /// <summary>No recorded send matches the report.</summary>
    NoSuchSend,

    /// <summary>The report's SID belongs to another send than the one its reference names.</summary>
    Conflicting,
}

/// <summary>
/// Applies Twilio's status reports to recorded sends, idempotently and only forwards. When a send starts or stops
/// counting, the contact's previous number is refreshed in the same transaction and open pages are told after commit.
/// </summary>
public sealed class SendStatusUpdates(PortalDbContext db, InputChanges changes, ILogger<SendStatusUpdates> logger)
{
    public async Task<StatusReportOutcome> ApplyAsync(
        StatusReport report, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Locked, so that two reports about one send (Twilio sends them close together) apply one after the other.
        var send = await LockAsync(report, cancellationToken);
        if (send is null)
        {
            SendingLog.StatusForUnknownSend(logger, report.SendId, report.Sid, report.Status);
            return StatusReportOutcome.NoSuchSend;
        }

        if (report.Sid is not null && send.Sid is not null && send.Sid != report.Sid)
        {
            SendingLog.StatusConflicts(logger, send.Id, send.Sid, report.Sid);
            return StatusReportOutcome.Conflicting;
        }

        var learnsSid = send.Sid is null && report.Sid is not null;
        var advances = SendStatus.Advances(send.Status, report.Status);
        if (!learnsSid && !advances)
        {
            return StatusReportOutcome.Unchanged;
        }

        var countedBefore = SendStatus.Counts(send.Status);
        var before = send.Status;
        send.Sid = learnsSid ? report.Sid : send.Sid;
        send.Status = advances ? report.Status : send.Status;
        await db.SaveChangesAsync(cancellationToken);

        if (countedBefore != SendStatus.Counts(send.Status))
        {
            await SendLedger.RefreshPreviousNumbersAsync(db, [send.ContactId], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        SendingLog.StatusChanged(logger, send.Id, send.ContactId, before, send.Status, send.Sid);
        await changes.PublishAsync(new InputChange(InputChangeKind.Send, [send.ContactId]));
        return StatusReportOutcome.Changed;
    }

    private async Task<Send?> LockAsync(StatusReport report, CancellationToken cancellationToken)
    {
        var found = report.SendId is { } id
            ? await db.Sends.FromSql($"select * from sends where id = {id} for update").ToListAsync(cancellationToken)
            : report.Sid is { } sid
                ? await db.Sends.FromSql($"select * from sends where sid = {sid} for update")
                    .ToListAsync(cancellationToken)
                : [];
        return found.SingleOrDefault();
    }
}
