using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Domain.Rules;
using Portal.Features.Contacts;

namespace Portal.Features.Simulator;

/// <summary>Starts a simulation from a real contact: its current facts are copied; nothing real changes.</summary>
public sealed class SimulatorStart(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<ScenarioDraft?> FromContactAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        id = id.Trim();
        var contacts = long.TryParse(id, out var numeric)
            ? db.Contacts.Where(c => c.Id == numeric)
            : db.Contacts.Where(c => c.ExternalId == id);
        var found = await contacts.AsNoTracking()
            .Select(c => new { c.ExternalId, AssignedTo = c.AssignedUser!.Email })
            .SingleOrDefaultAsync(cancellationToken);
        var row = found is null ? null : await db.FactsOf(contacts).AsNoTracking().SingleAsync(cancellationToken);
        if (found is null || row is null)
        {
            return null;
        }

        var facts = row.ToFacts();
        var numbers = new[] { facts.Inbound, facts.Previous, facts.Default }
            .OfType<NumberFacts>()
            .DistinctBy(n => n.Number)
            .Select(n => new ScenarioDraft.NumberDraft
            {
                Number = n.Number,
                Sms = n.Capabilities.HasFlag(Capabilities.Sms),
                Mms = n.Capabilities.HasFlag(Capabilities.Mms),
                Voice = n.Capabilities.HasFlag(Capabilities.Voice),
                Released = n.IsReleased,
            })
            .ToList();
        var user = found.AssignedTo is null ? null : UserIdOf(found.AssignedTo);
        return new ScenarioDraft
        {
            Name = $"What happens to {found.ExternalId}",
            Numbers = numbers,
            DefaultOutbound = facts.Default?.Number,
            Users = user is null ? [] : [new ScenarioDraft.UserDraft { Id = user, Inbound = facts.Inbound?.Number }],
            Contacts = [new ScenarioDraft.ContactDraft
            {
                Id = found.ExternalId, AssignedTo = user, Previous = facts.Previous?.Number,
            }],
            Steps =
            [
                new ScenarioDraft.StepDraft { Kind = "resolve", Contact = found.ExternalId, Channel = "sms" },
                new ScenarioDraft.StepDraft { Kind = "resolve", Contact = found.ExternalId, Channel = "voice" },
            ],
        };
    }

    // Scenario ids are plain words; an email's local part reads well and stays unique enough for one contact.
    private static string UserIdOf(string email) => email.Split('@')[0];
}
