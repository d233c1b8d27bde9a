using Microsoft.EntityFrameworkCore;
using Portal.Database;

namespace Portal.Features.Contacts.Import;

/// <summary>
/// Finds the portal user a CRM names as a contact's owner: by email, or by full name when exactly one active user
/// has it. Deactivated users hold no contacts, so they are never matched.
/// </summary>
internal sealed class OwnerDirectory
{
    private readonly Dictionary<string, string> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<OwnerDirectory> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var directory = new OwnerDirectory();
        var users = await db.Users.Where(u => u.IsActive)
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            if (user.Email is not null)
            {
                directory._byEmail[user.Email] = user.Id;
            }

            var name = NormalisedName(user.DisplayName);
            if (name.Length > 0)
            {
                if (!directory._byName.TryGetValue(name, out var ids))
                {
                    directory._byName[name] = ids = [];
                }

                ids.Add(user.Id);
            }
        }

        return directory;
    }

    /// <summary>The user's id, or null and a sentence saying why the text matched nobody.</summary>
    public string? Match(string owner, out string? why)
    {
        why = null;
        if (_byEmail.TryGetValue(owner, out var byEmail))
        {
            return byEmail;
        }

        if (_byName.TryGetValue(NormalisedName(owner), out var byName))
        {
            if (byName.Count == 1)
            {
                return byName[0];
            }

            why = $"'{owner}' is the name of {byName.Count} users; write the owner's email to say which.";
            return null;
        }

        why = owner.Contains('@')
            ? $"'{owner}' is not the email of an active portal user."
            : $"'{owner}' is neither the email nor the name of an active portal user.";
        return null;
    }

    private static string NormalisedName(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
