using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Features.Impact;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Users;

/// <summary>
/// Reads and changes the portal's users: their roles, inbound numbers and whether they are active. Every change
/// checks on the server that the actor is an active admin, refuses a save based on an outdated read, writes its audit
/// event in the same transaction, and tells open pages after it commits.
/// </summary>
/// <remarks>
/// Each call works in a service scope of its own: a Blazor circuit lives for hours, and a database context that long
/// would hand out stale rows.
/// </remarks>
public sealed partial class UserAccounts(
    IServiceScopeFactory scopes, InputChanges changes, ILogger<UserAccounts> logger)
{
    public const string InboundIndex = "ix_asp_net_users_inbound_number_id";

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var roles = await RolesByUserAsync(db, cancellationToken);
        var contacts = await db.Contacts.Where(c => c.AssignedUserId != null)
            .GroupBy(c => c.AssignedUserId!)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
        var users = await db.Users.AsNoTracking().Include(u => u.InboundNumber)
            .OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
            .ToListAsync(cancellationToken);

        return users.Select(u => new UserRow(
                u.Id, u.DisplayName, u.Email ?? "", roles.GetValueOrDefault(u.Id, ""), u.IsActive,
                u.InboundNumber is { } n ? new InboundNumberChoice(n.Id, n.E164, n.Capabilities, n.IsReleased) : null,
                contacts.GetValueOrDefault(u.Id), u.Version, u.ConfigUpdatedAt, u.ConfigUpdatedBy))
            .ToList();
    }

    /// <summary>The numbers that may become this user's inbound number: active, and held by no other user.</summary>
    public async Task<IReadOnlyList<InboundNumberChoice>> InboundChoicesAsync(
        string userId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        return await db.Numbers.AsNoTracking()
            .Where(n => !n.IsReleased)
            .Where(n => !db.Users.Any(u => u.InboundNumberId == n.Id && u.Id != userId))
            .OrderBy(n => n.E164)
            .Select(n => new InboundNumberChoice(n.Id, n.E164, n.Capabilities, n.IsReleased))
            .ToListAsync(cancellationToken);
    }

    /// <summary>What a change would do to contacts' effective numbers, before it is saved.</summary>
    public async Task<ImpactReport> PreviewAsync(ConfigChange change, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ImpactPreview>().PreviewAsync(change, cancellationToken);
    }

    private static async Task<Dictionary<string, string>> RolesByUserAsync(
        PortalDbContext db, CancellationToken cancellationToken)
    {
        var pairs = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);

        // A user has one role in this portal; should the store hold more, the most powerful one is shown.
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => PortalRoles.All.FirstOrDefault(r => g.Any(p => p.Name == r)) ?? g.First().Name ?? "");
    }

    /// <summary>One change: a scope, its database context and Identity's user manager, and who is acting.</summary>
    private sealed class Work(AsyncServiceScope scope, Actor actor) : IAsyncDisposable
    {
        public IServiceProvider Services => scope.ServiceProvider;

        public PortalDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        public UserManager<PortalUser> Users { get; } =
            scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        public Actor Actor { get; } = actor;

        public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    /// <summary>
    /// Runs a change in one transaction, after checking on the server that the actor is an active admin. A
    /// refusal is logged and rethrown; a unique-index race on inbound numbers becomes the same refusal the service
    /// check gives.
    /// </summary>
    private async Task<T> ChangeAsync<T>(
        ClaimsPrincipal principal, Func<Work, Task<T>> change, CancellationToken cancellationToken)
    {
        var actor = Actor.From(principal);
        try
        {
            await using var work = new Work(scopes.CreateAsyncScope(), actor);
            await EnsureAdminAsync(work, cancellationToken);
            await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
            var result = await change(work);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException exception) when (IsInboundIndexViolation(exception))
        {
            var refused = new ChangeRefused(await InboundHolderMessageAsync(exception, cancellationToken));
            UsersLog.Refused(logger, actor.Name, refused.Message);
            throw refused;
        }
        catch (ChangeRefused refused)
        {
            UsersLog.Refused(logger, actor.Name, refused.Message);
            throw;
        }
    }

    private static async Task EnsureAdminAsync(Work work, CancellationToken cancellationToken)
    {
        // The role is read from the database, not from the cookie: a demoted admin loses the right at once.
        var userId = work.Actor.UserId;
        var isAdmin = userId is not null && await (
            from user in work.Db.Users
            join userRole in work.Db.UserRoles on user.Id equals userRole.UserId
            join role in work.Db.Roles on userRole.RoleId equals role.Id
            where user.Id == userId && user.IsActive && role.Name == PortalRoles.Admin
            select user.Id).AnyAsync(cancellationToken);
        if (!isAdmin)
        {
            throw new ChangeRefused("Only an admin can change users. Ask an admin to make this change.");
        }
    }

    /// <summary>
    /// Reads the user for change and locks the row until the transaction ends, then refuses when the admin's edit
    /// started from an older version of it.
    /// </summary>
    private static async Task<PortalUser> LockAsync(
        Work work, string userId, uint expectedVersion, CancellationToken cancellationToken)
    {
        var found = await work.Db.Users
            .FromSqlInterpolated($"select *, xmin from \"AspNetUsers\" where id = {userId} for update")
            .ToListAsync(cancellationToken);
        var user = found.SingleOrDefault()
                   ?? throw new ChangeRefused("This user no longer exists; reload the page.");

        // Limitation: Identity also writes this row when the user logs in with a wrong password (the failure count),
        // so such a login between opening and saving an edit refuses the save too; reloading and saving again works.
        if (user.Version != expectedVersion)
        {
            throw new ChangeRefused(StaleMessage(user));
        }

        return user;
    }

    private static string StaleMessage(PortalUser user) =>
        user.ConfigUpdatedAt is { } at && user.ConfigUpdatedBy is { } by
            ? $"{NameOf(user)} was changed by {by} at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; "
              + "reload to see that change, then make yours again."
            : $"{NameOf(user)} changed since you opened it; reload to see the change, then make yours again.";

    private static string NameOf(PortalUser user) => user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? "";

    private static void Touch(Work work, PortalUser user)
    {
        user.ConfigUpdatedAt = work.Now;
        user.ConfigUpdatedBy = work.Actor.Name;
    }

    /// <summary>Saves, turning a row-version conflict into the "changed by X at T, reload" refusal.</summary>
    private static async Task SaveAsync(Work work, PortalUser user, CancellationToken cancellationToken)
    {
        try
        {
            await work.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await work.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == user.Id,
                cancellationToken);
            throw new ChangeRefused(
                current is null ? "This user no longer exists; reload the page." : StaleMessage(current));
        }
    }

    private static void Succeeded(IdentityResult result, PortalUser user)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ChangeRefused(StaleMessage(user));
        }

        throw new ChangeRefused(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    internal static bool IsInboundIndexViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: InboundIndex,
        };

    private async Task<string> InboundHolderMessageAsync(
        DbUpdateException exception, CancellationToken cancellationToken)
    {
        var numberId = exception.Entries.Select(e => e.Entity).OfType<PortalUser>()
            .Select(u => u.InboundNumberId).FirstOrDefault(id => id is not null);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await HeldByMessageAsync(db, numberId, exceptUserId: null, cancellationToken)
               ?? "That number became another user's inbound number while you were choosing; reload and pick again.";
    }

    /// <summary>"+1 202 555 0101 is already Alice Ng's inbound number", or null when nobody else holds it.</summary>
    private static async Task<string?> HeldByMessageAsync(
        PortalDbContext db, long? numberId, string? exceptUserId, CancellationToken cancellationToken)
    {
        if (numberId is null)
        {
            return null;
        }

        var holder = await db.Users.AsNoTracking()
            .Where(u => u.InboundNumberId == numberId && u.Id != exceptUserId)
            .Select(u => new { u.DisplayName, u.Email, u.InboundNumber!.E164 })
            .FirstOrDefaultAsync(cancellationToken);
        return holder is null
            ? null
            : HeldBy(holder.E164, holder.DisplayName.Length > 0 ? holder.DisplayName : holder.Email ?? "");
    }

    public static string HeldBy(string e164, string holder) =>
        $"{NumberSpelling.Spaced(e164)} is already {holder}'s inbound number. "
        + $"Clear it from {holder} first, or choose another number.";

    private async Task PublishAsync(params InputChangeKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            await changes.PublishAsync(InputChange.Broad(kind));
        }
    }
}
