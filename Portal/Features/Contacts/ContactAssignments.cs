using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Features.Audit;
using Portal.Features.Live;
using Portal.Infrastructure;

namespace Portal.Features.Contacts;

/// <summary>A change of assignment that was not made; the message says why and what to do.</summary>
public sealed class AssignmentRefusedException(string message) : Exception(message);

/// <summary>
/// Assigns contacts to a user, or unassigns them, one or many at once. Only admins may; the check is made here, on
/// the server, whatever the page shows. Each contact whose user changes gets an assignment history row, the whole
/// change gets an audit event, and open pages hear about it once it is committed.
/// </summary>
public sealed class ContactAssignments(PortalDbContext db, InputChanges changes, ILogger<ContactAssignments> logger)
{
    /// <summary>Assigns the contacts to the user (unassigns them for a null user); returns how many moved.</summary>
    public async Task<int> AssignAsync(
        IReadOnlyCollection<long> contactIds, string? userId, ClaimsPrincipal who,
        CancellationToken cancellationToken = default)
    {
        var actor = Actor.From(who);
        if (!who.IsInRole(PortalRoles.Admin))
        {
            ContactsLog.AssignmentRefused(logger, actor.Name, "not an admin");
            throw new AssignmentRefusedException(
                "Only admins assign contacts. Ask an admin to make this change.");
        }

        var user = userId is null ? null : await ActiveUserAsync(userId, cancellationToken);
        var contacts = await db.Contacts.Where(c => contactIds.Contains(c.Id) && c.AssignedUserId != userId)
            .ToListAsync(cancellationToken);
        if (contacts.Count == 0)
        {
            return 0;
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var contact in contacts)
        {
            db.AssignmentChanges.Add(new AssignmentChange
            {
                ContactId = contact.Id,
                FromUserId = contact.AssignedUserId,
                ToUserId = userId,
                ChangedAt = now,
                ChangedBy = actor.Name,
            });
            contact.AssignedUserId = userId;
            contact.AssignedAt = user is null ? null : now;
        }

        var target = user?.Email ?? "nobody (unassigned)";
        AuditTrail.Record(db, actor, user is null ? "contacts.unassigned" : "contacts.assigned",
            $"{contacts.Count} contacts", [], string.Join(", ", contacts.Select(c => c.ExternalId)), target);
        await SaveAsync(cancellationToken);

        ContactsLog.Assigned(logger, actor.Name, contacts.Count, target);
        await changes.PublishAsync(new InputChange(InputChangeKind.Assignment, contacts.Select(c => c.Id).ToList()));
        return contacts.Count;
    }

    private async Task<PortalUser> ActiveUserAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            throw new AssignmentRefusedException("That user no longer exists; choose another user and assign again.");
        }

        if (!user.IsActive)
        {
            throw new AssignmentRefusedException(
                $"{user.DisplayName} is deactivated and cannot hold contacts; choose an active user.");
        }

        return user;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new AssignmentRefusedException(
                "Someone changed some of these contacts at the same time, so nothing was changed. "
                + "Look at the contacts again and repeat the assignment.");
        }
    }
}
