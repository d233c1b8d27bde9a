using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Audit;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Numbers;

/// <summary>What a sync did, or why it did nothing.</summary>
public sealed record SyncResult(
    bool Succeeded, string Message, int Read, int Added, int Updated, int Reactivated, int Released, int Unchanged,
    IReadOnlyList<string> Problems)
{
    public static SyncResult NotDone(string message) => new(false, message, 0, 0, 0, 0, 0, 0, []);

    public int Changed => Added + Updated + Reactivated + Released;
}

/// <summary>
/// Brings the numbers table in line with the account's listing in Twilio, in one transaction. A number is matched
/// by its E.164 string; its SID, name and capabilities follow Twilio. A number Twilio no longer lists is marked
/// released, never deleted (history and configuration point at it), and comes back to life with its new SID if
/// Twilio lists it again. Every change is audited in the same transaction.
/// </summary>
public sealed class NumberSync(
    PortalDbContext db, TwilioListing listing, InputChanges changes, ILogger<NumberSync> logger)
{
    public const string SystemActor = "twilio-sync";

    public bool IsDemo => listing.IsDemo;

    /// <summary>A sync an admin asked for on the page; anyone else is refused.</summary>
    public async Task<SyncResult> SyncAsync(
        ClaimsPrincipal user, Action<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (AdminOnly.Refusal(user, "sync numbers from Twilio") is { } refusal)
        {
            NumbersLog.Refused(logger, user.Identity?.Name ?? "(anonymous)", "number sync");
            return SyncResult.NotDone(refusal);
        }

        return await SyncAsync(Actor.From(user), progress, cancellationToken);
    }

    /// <summary>A sync on behalf of the given actor (the demo load, a scheduled run).</summary>
    public async Task<SyncResult> SyncAsync(
        Actor actor, Action<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<ListedNumber> listed;
        try
        {
            listed = await listing.ReadAsync(progress, cancellationToken);
        }
        catch (TwilioListingFailure failure)
        {
            NumbersLog.SyncFailed(logger, actor.Name, (int?)failure.Status, failure.TimedOut,
                stopwatch.ElapsedMilliseconds);
            return SyncResult.NotDone(failure.Message);
        }

        SyncResult result;
        try
        {
            result = await ApplyAsync(actor, listed, cancellationToken);
        }
        catch (DbUpdateException)
        {
            NumbersLog.SyncConflicted(logger, actor.Name);
            return SyncResult.NotDone(
                "The numbers changed while this sync was saving (another sync or an admin's change). Nothing was "
                + "changed by this sync; sync again.");
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        NumbersLog.Synced(logger, actor.Name, result.Read, result.Added, result.Updated, result.Reactivated,
            result.Released, result.Problems.Count, stopwatch.ElapsedMilliseconds);
        if (result.Changed > 0)
        {
            await changes.PublishAsync(InputChange.Broad(InputChangeKind.NumberStatus));
        }

        return result;
    }

    private async Task<SyncResult> ApplyAsync(
        Actor actor, IReadOnlyList<ListedNumber> listed, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Thousands of numbers and audit events are added below: look for changes once, when saving.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var known = await db.Numbers.ToDictionaryAsync(n => n.E164, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var tally = new Tally();
        var seen = new HashSet<string>();

        foreach (var number in listed)
        {
            if (Problem(number, seen) is { } problem)
            {
                tally.Problems.Add(problem);
                continue;
            }

            if (known.TryGetValue(number.E164, out var existing))
            {
                Update(actor, existing, number, tally);
            }
            else
            {
                Add(actor, number, now);
                tally.Added++;
            }
        }

        foreach (var gone in known.Values.Where(n => !n.IsReleased && !seen.Contains(n.E164)))
        {
            var before = NumberText.Describe(gone);
            gone.IsReleased = true;
            gone.ReleasedAt = now;
            AuditTrail.Record(db, actor, "number.released", gone.E164, [gone.E164], before, NumberText.Describe(gone));
            tally.Released++;
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);

        // One statement instead of an update per unchanged number.
        var listedNumbers = seen.ToArray();
        await db.Numbers.Where(n => listedNumbers.Contains(n.E164))
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.SyncedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tally.ToResult(listed.Count, listing.IsDemo);
    }

    private static string? Problem(ListedNumber number, HashSet<string> seen)
    {
        if (!E164.IsValid(number.E164))
        {
            return $"Twilio listed a number \"{number.E164}\" (SID {number.Sid ?? "none"}) that is not in E.164 form; "
                   + "it was left out. Check the number in the Twilio console.";
        }

        return seen.Add(number.E164)
            ? null
            : $"Twilio listed {number.E164} twice; the second entry (SID {number.Sid ?? "none"}) was left out.";
    }

    private void Add(Actor actor, ListedNumber listed, DateTimeOffset now)
    {
        var number = new TwilioNumber
        {
            E164 = listed.E164,
            Sid = listed.Sid,
            FriendlyName = listed.FriendlyName,
            Capabilities = listed.Capabilities,
            CreatedAt = now,
            SyncedAt = now,
        };
        db.Numbers.Add(number);
        AuditTrail.Record(db, actor, "number.added", number.E164, [number.E164], null, NumberText.Describe(number));
    }

    private void Update(Actor actor, TwilioNumber number, ListedNumber listed, Tally tally)
    {
        var changed = number.Sid != listed.Sid || number.FriendlyName != listed.FriendlyName
                      || number.Capabilities != listed.Capabilities || number.IsReleased;
        if (!changed)
        {
            tally.Unchanged++;
            return;
        }

        var before = NumberText.Describe(number);
        var reactivated = number.IsReleased;
        number.Sid = listed.Sid;
        number.FriendlyName = listed.FriendlyName;
        number.Capabilities = listed.Capabilities;
        number.IsReleased = false;
        number.ReleasedAt = null;
        AuditTrail.Record(db, actor, reactivated ? "number.reactivated" : "number.updated", number.E164,
            [number.E164], before, NumberText.Describe(number));
        if (reactivated)
        {
            tally.Reactivated++;
        }
        else
        {
            tally.Updated++;
        }
    }

    private sealed class Tally
    {
        public int Added { get; set; }

        public int Updated { get; set; }

        public int Reactivated { get; set; }

        public int Released { get; set; }

        public int Unchanged { get; set; }

        public List<string> Problems { get; } = [];

        public SyncResult ToResult(int read, bool demo)
        {
            var source = demo ? "the demo listing (samples/twilio)" : "Twilio";
            var message = $"Read {read} numbers from {source}: {Added} added, {Updated} updated, "
                          + $"{Reactivated} reactivated, {Released} marked released, {Unchanged} unchanged.";
            if (Problems.Count > 0)
            {
                message += $" {Problems.Count} left out (see below).";
            }

            return new SyncResult(true, message, read, Added, Updated, Reactivated, Released, Unchanged, Problems);
        }
    }
}
