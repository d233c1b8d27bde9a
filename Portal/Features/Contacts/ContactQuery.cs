using System.Security.Claims;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Domain.Rules;

namespace Portal.Features.Contacts;

/// <summary>What the contacts grid sorts by: stored columns, or the effective SMS number and its rule.</summary>
public enum ContactSort
{
    Name,
    Phone,
    AssignedUser,
    Created,
    EffectiveNumber,
    Rule,
}

/// <summary>
/// The filters of the contacts grid. Search matches a name, an email or a phone in any spelling; the effective
/// number and rule are those of the SMS channel, as the grid shows them.
/// </summary>
public sealed record ContactFilter(
    string? Search = null,
    string? AssignedUserId = null,
    bool UnassignedOnly = false,
    RuleId? Rule = null,
    long? EffectiveNumberId = null)
{
    public bool AsksForResolutions => Rule is not null || EffectiveNumberId is not null;
}

/// <summary>One page of the contacts grid: filter, sort and the page wanted (0-based).</summary>
public sealed record ContactPageRequest(
    ContactFilter Filter, ContactSort Sort = ContactSort.Name, bool Descending = false, int Page = 0,
    int PageSize = 50);

/// <summary>Who is looking: admins and support see every contact, an agent only their own.</summary>
public sealed record ContactViewer(string? UserId, bool SeesEveryone, bool MayAssign)
{
    public static ContactViewer Of(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.IsInRole(PortalRoles.Admin) || user.IsInRole(PortalRoles.Support),
        user.IsInRole(PortalRoles.Admin));

    /// <summary>The contacts this viewer may see: all of them, or an agent's own.</summary>
    public IQueryable<Contact> Visible(IQueryable<Contact> contacts)
    {
        if (SeesEveryone)
        {
            return contacts;
        }

        // An agent without an id (which cannot happen for a logged-in user) sees nothing rather than everything.
        var own = UserId ?? "";
        return contacts.Where(c => c.AssignedUserId == own);
    }
}

/// <summary>A contact as the grid shows it, with its effective numbers resolved by the engine.</summary>
public sealed record ContactListRow(
    long Id,
    string ExternalId,
    string Name,
    string? Email,
    string? Phone,
    string? AssignedUserId,
    string? AssignedUser,
    DateTimeOffset CreatedAt,
    Resolution Sms,
    Resolution Voice)
{
    public string? SmsFrom => Sms.From;

    public RuleId SmsRule => Sms.Rule;

    public string? VoiceFrom => Voice.From;
}

/// <summary>
/// A page of contacts and the number of contacts that match. Above <see cref="ContactDirectory.ExactCountLimit"/>
/// the total is PostgreSQL's estimate and says so; when the estimate is no better than the limit itself (as for
/// conditions on effective numbers, which the planner cannot weigh), the total is only known to exceed the limit.
/// </summary>
public sealed record ContactPage(
    IReadOnlyList<ContactListRow> Rows, int Total, bool TotalIsEstimate, TimeSpan Took, bool TotalIsLowerBound = false);

/// <summary>A user to filter by or assign to.</summary>
public sealed record UserChoice(string Id, string Name, string Email)
{
    public override string ToString() => $"{Name} ({Email})";
}

/// <summary>A number to filter by.</summary>
public sealed record NumberChoice(long Id, string E164, bool IsReleased)
{
    public override string ToString() => IsReleased ? $"{E164} (released)" : E164;
}
