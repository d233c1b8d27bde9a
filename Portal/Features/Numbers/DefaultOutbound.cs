using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Settings;
using Portal.Domain.Rules;
using Portal.Features.Audit;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Numbers;

/// <summary>The account's default outbound number as read, with what a save needs to detect a later change.</summary>
public sealed record DefaultOutboundState(
    long? NumberId, string? E164, Capabilities Capabilities, DateTimeOffset? UpdatedAt, string? UpdatedBy,
    uint Version);

/// <summary>
/// Reads and sets the account's default outbound number: the number contacts go out from when neither a user's
/// inbound number nor a previous number applies. A save based on an older read is refused, never applied over
/// another admin's change.
/// </summary>
public sealed class DefaultOutbound(PortalDbContext db, InputChanges changes, ILogger<DefaultOutbound> logger)
{
    private const string What = "The default outbound number";

    public async Task<DefaultOutboundState> ReadAsync(CancellationToken cancellationToken = default)
    {
        var settings = await db.AccountSettings.AsNoTracking().Include(s => s.DefaultOutboundNumber)
            .SingleAsync(s => s.Id == AccountSettings.SingletonId, cancellationToken);
        var number = settings.DefaultOutboundNumber;
        return new DefaultOutboundState(number?.Id, number?.E164, number?.Capabilities ?? Capabilities.None,
            settings.UpdatedAt, settings.UpdatedBy, settings.Version);
    }

    /// <summary>Sets the default for an admin; readVersion is the Version of the state the admin saw.</summary>
    public async Task<ChangeResult> SetAsync(
        ClaimsPrincipal user, long numberId, uint readVersion, CancellationToken cancellationToken = default)
    {
        if (AdminOnly.Refusal(user, "change the default outbound number") is { } refusal)
        {
            NumbersLog.Refused(logger, user.Identity?.Name ?? "(anonymous)", "default outbound change");
            return ChangeResult.Refused(refusal);
        }

        return await SetAsync(Actor.From(user), numberId, readVersion, cancellationToken);
    }

    /// <summary>Sets the default on behalf of the given actor (the demo load).</summary>
    public async Task<ChangeResult> SetAsync(
        Actor actor, long numberId, uint readVersion, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await SaveAsync(actor, numberId, readVersion, cancellationToken);
            if (result.Saved)
            {
                await changes.PublishAsync(InputChange.Broad(InputChangeKind.DefaultOutbound));
            }

            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await ReadAsync(cancellationToken);
            NumbersLog.StaleRefused(logger, "default outbound change", actor.Name, now.UpdatedBy ?? "?", now.UpdatedAt);
            return ChangeResult.Stale(What, now.UpdatedBy, now.UpdatedAt);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<ChangeResult> SaveAsync(
        Actor actor, long numberId, uint readVersion, CancellationToken cancellationToken)
    {
        var settings = await db.AccountSettings.Include(s => s.DefaultOutboundNumber)
            .SingleAsync(s => s.Id == AccountSettings.SingletonId, cancellationToken);
        if (settings.Version != readVersion)
        {
            NumbersLog.StaleRefused(logger, "default outbound change", actor.Name, settings.UpdatedBy ?? "?",
                settings.UpdatedAt);
            return ChangeResult.Stale(What, settings.UpdatedBy, settings.UpdatedAt);
        }

        var number = await db.Numbers.SingleOrDefaultAsync(n => n.Id == numberId, cancellationToken);
        if (number is null)
        {
            return ChangeResult.Refused("That number no longer exists. Reload the page and choose an active number.");
        }

        if (number.IsReleased)
        {
            return ChangeResult.Refused(
                $"{number.E164} is released: the account no longer owns it. Choose an active number.");
        }

        var before = settings.DefaultOutboundNumber?.E164;
        if (before == number.E164)
        {
            return ChangeResult.Done($"{number.E164} already is the default outbound number; nothing changed.");
        }

        // The check above compared what was read; this makes the database compare it again as it writes.
        db.Entry(settings).Property(s => s.Version).OriginalValue = readVersion;
        settings.DefaultOutboundNumberId = number.Id;
        settings.UpdatedAt = DateTimeOffset.UtcNow;
        settings.UpdatedBy = actor.Name;
        AuditTrail.Record(db, actor, "default-outbound.set", "account", [before, number.E164], before, number.E164);
        await db.SaveChangesAsync(cancellationToken);

        NumbersLog.DefaultSet(logger, actor.Name, before ?? "(none)", number.E164);
        return ChangeResult.Done($"{number.E164} is now the default outbound number.");
    }
}
