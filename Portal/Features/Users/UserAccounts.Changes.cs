using System.Net.Mail;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Database.Identity;
using Portal.Features.Audit;
using Portal.Features.Live;

namespace Portal.Features.Users;

public sealed partial class UserAccounts
{
    public async Task<CreatedUser> CreateAsync(
        ClaimsPrincipal principal, NewUser request, CancellationToken cancellationToken = default)
    {
        var created = await ChangeAsync(principal, work => CreateAsync(work, request, cancellationToken),
            cancellationToken);

        UsersLog.Created(logger, ActorName(principal), created.Email, request.Role);
        await PublishAsync(InputChangeKind.Users);
        return created;
    }

    public async Task ChangeRoleAsync(
        ClaimsPrincipal principal, string userId, uint expectedVersion, string role,
        CancellationToken cancellationToken = default)
    {
        var change = await ChangeAsync<Changed?>(principal, async work =>
        {
            var newRole = PortalRoles.Find(role)
                          ?? throw new ChangeRefused($"'{role}' is not a role; choose Admin, Support or Agent.");
            var user = await LockAsync(work, userId, expectedVersion, cancellationToken);
            if (userId == work.Actor.UserId && newRole != PortalRoles.Admin)
            {
                throw new ChangeRefused("You cannot take the Admin role from yourself; ask another admin to do it.");
            }

            var current = await work.Users.GetRolesAsync(user);
            var before = current.Count > 0 ? string.Join(", ", current) : "no role";
            if (current.Count == 1 && current[0] == newRole)
            {
                return null;
            }

            Touch(work, user);
            Succeeded(await work.Users.RemoveFromRolesAsync(user, current), user);
            Succeeded(await work.Users.AddToRoleAsync(user, newRole), user);

            // The role is in the cookie; a new security stamp ends open sessions so the new role applies at once.
            Succeeded(await work.Users.UpdateSecurityStampAsync(user), user);
            AuditTrail.Record(work.Db, work.Actor, "user.role-changed", user.Email ?? user.Id, [], before, newRole);
            await SaveAsync(work, user, cancellationToken);
            return new Changed(user.Email ?? userId, before, newRole);
        }, cancellationToken);

        if (change is not null)
        {
            UsersLog.RoleChanged(logger, ActorName(principal), change.Email, change.Before, change.After);
            await PublishAsync(InputChangeKind.Users);
        }
    }

    /// <summary>Sets, changes or (with a null number) clears a user's inbound number.</summary>
    public async Task SetInboundNumberAsync(
        ClaimsPrincipal principal, string userId, uint expectedVersion, long? numberId,
        CancellationToken cancellationToken = default)
    {
        var change = await ChangeAsync<Changed?>(principal, async work =>
        {
            var user = await LockAsync(work, userId, expectedVersion, cancellationToken);
            if (!user.IsActive)
            {
                throw new ChangeRefused($"{NameOf(user)} is deactivated, and a deactivated user holds no inbound "
                                        + "number. Choose an active user.");
            }

            if (user.InboundNumberId == numberId)
            {
                return null;
            }

            var before = await DescribeNumberAsync(work, user.InboundNumberId, cancellationToken);
            var after = await DescribeNumberAsync(work, numberId, cancellationToken);
            if (after is { IsReleased: true })
            {
                throw new ChangeRefused($"{after.Spaced} is released: the account no longer owns it. "
                                        + "Choose an active number.");
            }

            if (await HeldByMessageAsync(work.Db, numberId, userId, cancellationToken) is { } heldBy)
            {
                throw new ChangeRefused(heldBy);
            }

            user.InboundNumberId = numberId;
            Touch(work, user);
            AuditTrail.Record(work.Db, work.Actor, after is null ? "inbound-number.cleared" : "inbound-number.set",
                user.Email ?? user.Id, [before?.E164, after?.E164], before?.ToString() ?? "none",
                after?.ToString() ?? "none");
            await SaveAsync(work, user, cancellationToken);
            return new Changed(user.Email ?? userId, before?.Spaced ?? "none", after?.Spaced ?? "none");
        }, cancellationToken);

        if (change is not null)
        {
            UsersLog.InboundNumberChanged(logger, ActorName(principal), change.Email, change.Before, change.After);
            await PublishAsync(InputChangeKind.InboundNumber);
        }
    }

    /// <summary>
    /// Deactivates a user: their contacts move to another active user (or, with null, become unassigned), their
    /// inbound number is cleared, and a new security stamp ends their open sessions.
    /// </summary>
    public async Task DeactivateAsync(
        ClaimsPrincipal principal, string userId, uint expectedVersion, string? reassignToUserId,
        CancellationToken cancellationToken = default)
    {
        var change = await ChangeAsync(principal, async work =>
        {
            if (userId == work.Actor.UserId)
            {
                throw new ChangeRefused("You cannot deactivate yourself; ask another admin to do it.");
            }

            var user = await LockAsync(work, userId, expectedVersion, cancellationToken);
            if (!user.IsActive)
            {
                throw new ChangeRefused($"{NameOf(user)} is already deactivated; reload the page.");
            }

            var heir = await HeirAsync(work, userId, reassignToUserId, cancellationToken);
            var inbound = await DescribeNumberAsync(work, user.InboundNumberId, cancellationToken);
            var moved = await MoveContactsAsync(work, userId, reassignToUserId, cancellationToken);

            user.IsActive = false;
            user.InboundNumberId = null;
            Touch(work, user);
            var whereTo = heir is null ? "unassigned" : $"moved to {heir}";
            AuditTrail.Record(work.Db, work.Actor, "user.deactivated", user.Email ?? user.Id, [inbound?.E164],
                $"active; inbound number {inbound?.ToString() ?? "none"}; {moved} contacts",
                $"deactivated; no inbound number; {moved} contacts {whereTo}");
            await SaveAsync(work, user, cancellationToken);
            Succeeded(await work.Users.UpdateSecurityStampAsync(user), user);
            return (Email: user.Email ?? userId, Moved: moved, WhereTo: heir ?? "nobody");
        }, cancellationToken);

        UsersLog.Deactivated(logger, ActorName(principal), change.Email, change.Moved, change.WhereTo);
        await PublishAsync(InputChangeKind.Assignment, InputChangeKind.InboundNumber, InputChangeKind.Users);
    }

    private async Task<CreatedUser> CreateAsync(Work work, NewUser request, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim();
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            throw new ChangeRefused($"'{email}' is not an email address; the user logs in with it.");
        }

        var role = PortalRoles.Find(request.Role)
                   ?? throw new ChangeRefused($"'{request.Role}' is not a role; choose Admin, Support or Agent.");
        if (await work.Users.FindByEmailAsync(email) is not null)
        {
            throw new ChangeRefused($"{email} already has an account; find it in the list instead.");
        }

        var name = request.DisplayName.Trim();
        var password = string.IsNullOrWhiteSpace(request.Password) ? GeneratePassword() : request.Password;
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name.Length > 0 ? name : email,
            ConfigUpdatedAt = work.Now,
            ConfigUpdatedBy = work.Actor.Name,
        };
        Succeeded(await work.Users.CreateAsync(user, password), user);
        Succeeded(await work.Users.AddToRoleAsync(user, role), user);
        AuditTrail.Record(work.Db, work.Actor, "user.created", email, [], null, $"{user.DisplayName}, {role}");
        await work.Db.SaveChangesAsync(cancellationToken);
        return new CreatedUser(user.Id, email, password);
    }

    /// <summary>The name of the active user who takes over the contacts, or null when they become unassigned.</summary>
    private static async Task<string?> HeirAsync(
        Work work, string userId, string? heirId, CancellationToken cancellationToken)
    {
        if (heirId is null)
        {
            return null;
        }

        var heir = await work.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == heirId, cancellationToken);
        if (heir is null || !heir.IsActive || heirId == userId)
        {
            throw new ChangeRefused("The contacts can only move to another active user; choose one from the list, "
                                    + "or leave them unassigned.");
        }

        return NameOf(heir);
    }

    private static async Task<int> MoveContactsAsync(
        Work work, string userId, string? heirId, CancellationToken cancellationToken)
    {
        var moved = await work.Db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             insert into assignment_changes (contact_id, from_user_id, to_user_id, changed_at, changed_by)
             select id, assigned_user_id, cast({heirId} as text), {work.Now}, {work.Actor.Name}
             from contacts where assigned_user_id = {userId}
             """, cancellationToken);

        DateTimeOffset? assignedAt = heirId is null ? null : work.Now;
        await work.Db.Contacts.Where(c => c.AssignedUserId == userId).ExecuteUpdateAsync(
            setters => setters.SetProperty(c => c.AssignedUserId, heirId).SetProperty(c => c.AssignedAt, assignedAt),
            cancellationToken);
        return moved;
    }

    private static async Task<InboundNumberChoice?> DescribeNumberAsync(
        Work work, long? numberId, CancellationToken cancellationToken)
    {
        if (numberId is null)
        {
            return null;
        }

        return await work.Db.Numbers.AsNoTracking().Where(n => n.Id == numberId)
                   .Select(n => new InboundNumberChoice(n.Id, n.E164, n.Capabilities, n.IsReleased))
                   .SingleOrDefaultAsync(cancellationToken)
               ?? throw new ChangeRefused("That number is no longer in the account's list; reload and pick again.");
    }

    private sealed record Changed(string Email, string Before, string After);

    private static string ActorName(ClaimsPrincipal principal) => Infrastructure.Actor.From(principal).Name;

    // Meets Identity's default rules (upper, lower, digit, symbol) with a wide margin over the minimum length.
    private static string GeneratePassword()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        return $"{RandomNumberGenerator.GetString(letters, 16)}-Aa{RandomNumberGenerator.GetInt32(10)}";
    }
}
