using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Features.Audit;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Numbers;

/// <summary>
/// Marks a number released by hand, for a number given up in Twilio before the next sync notices. The number stays
/// (history points at it); the rules skip it from then on.
/// </summary>
public sealed class NumberRelease(PortalDbContext db, InputChanges changes, ILogger<NumberRelease> logger)
{
    /// <summary>Marks the number released; readVersion is the Version of the row the admin saw.</summary>
    public async Task<ChangeResult> MarkReleasedAsync(
        ClaimsPrincipal user, long numberId, uint readVersion, CancellationToken cancellationToken = default)
    {
        if (AdminOnly.Refusal(user, "mark a number released") is { } refusal)
        {
            NumbersLog.Refused(logger, user.Identity?.Name ?? "(anonymous)", "mark released");
            return ChangeResult.Refused(refusal);
        }

        var actor = Actor.From(user);
        try
        {
            var result = await SaveAsync(actor, numberId, readVersion, cancellationToken);
            if (result.Saved)
            {
                await changes.PublishAsync(InputChange.Broad(InputChangeKind.NumberStatus));
            }

            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await StaleAsync(actor, numberId, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<ChangeResult> SaveAsync(
        Actor actor, long numberId, uint readVersion, CancellationToken cancellationToken)
    {
        var number = await db.Numbers.SingleOrDefaultAsync(n => n.Id == numberId, cancellationToken);
        if (number is null)
        {
            return ChangeResult.Refused("That number no longer exists. Reload the page.");
        }

        if (number.Version != readVersion)
        {
            return await StaleAsync(actor, numberId, cancellationToken);
        }

        if (number.IsReleased)
        {
            return ChangeResult.Done($"{number.E164} already is released; nothing changed.");
        }

        var before = NumberText.Describe(number);
        db.Entry(number).Property(n => n.Version).OriginalValue = readVersion;
        number.IsReleased = true;
        number.ReleasedAt = DateTimeOffset.UtcNow;
        AuditTrail.Record(db, actor, "number.released", number.E164, [number.E164], before,
            NumberText.Describe(number));
        await db.SaveChangesAsync(cancellationToken);

        NumbersLog.MarkedReleased(logger, number.E164, actor.Name);
        return ChangeResult.Done($"{number.E164} is marked released. A later sync reactivates it if Twilio still "
                                 + "lists it for the account.");
    }

    private async Task<ChangeResult> StaleAsync(Actor actor, long numberId, CancellationToken cancellationToken)
    {
        var e164 = await db.Numbers.Where(n => n.Id == numberId).Select(n => n.E164).SingleAsync(cancellationToken);
        var last = await db.AuditEvents.AsNoTracking().Where(a => a.Numbers.Contains(e164))
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        NumbersLog.StaleRefused(logger, "mark released", actor.Name, last?.Actor ?? "?", last?.OccurredAt);
        return ChangeResult.Stale(e164, last?.Actor, last?.OccurredAt);
    }
}
