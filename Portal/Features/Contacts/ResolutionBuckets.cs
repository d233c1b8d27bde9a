using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Domain.Rules;

namespace Portal.Features.Contacts;

/// <summary>
/// Which contacts each rule and each number serve on one channel, written as conditions on a contact's own columns
/// (its assigned user and its previous number) against a snapshot of the few facts the rules read elsewhere: which
/// users hold a usable inbound number, which numbers cannot carry the channel, and the default. PostgreSQL can then
/// walk an index of contacts and check each row against small lists, instead of resolving every contact through
/// the contact_resolutions view before it can filter or sort. The conditions are the rules of DESIGN.md §1 once
/// more; a property test holds them to the resolver, contact for contact.
/// </summary>
public sealed class ResolutionBuckets
{
    private readonly List<string> usableInboundHolders;
    private readonly List<long> unusableNumbers;
    private readonly Dictionary<long, string> holderOfNumber;
    private readonly long? usableDefault;

    private ResolutionBuckets(
        Channel channel, IReadOnlyDictionary<long, NumberFacts> numbers, Dictionary<string, long> usableInbound,
        long? defaultNumberId)
    {
        Channel = channel;
        Numbers = numbers;
        UsableInbound = usableInbound;
        DefaultNumberId = defaultNumberId;

        usableInboundHolders = usableInbound.Keys.ToList();
        unusableNumbers = numbers.Where(n => !n.Value.IsUsableFor(channel)).Select(n => n.Key).ToList();
        holderOfNumber = usableInbound.ToDictionary(h => h.Value, h => h.Key);
        usableDefault = defaultNumberId is { } id && numbers[id].IsUsableFor(channel) ? id : null;
        UsableNumbers = numbers.Where(n => n.Value.IsUsableFor(channel))
            .OrderBy(n => n.Value.Number, StringComparer.Ordinal)
            .Select(n => new NumberChoice(n.Key, n.Value.Number, false)).ToList();
    }

    public Channel Channel { get; }

    /// <summary>Every number of the account, by id.</summary>
    public IReadOnlyDictionary<long, NumberFacts> Numbers { get; }

    /// <summary>The users whose inbound number can carry this channel, with that number's id.</summary>
    public IReadOnlyDictionary<string, long> UsableInbound { get; }

    /// <summary>The default outbound number, usable or not.</summary>
    public long? DefaultNumberId { get; }

    /// <summary>The numbers that can be a contact's effective number on this channel, in E.164 order.</summary>
    public IReadOnlyList<NumberChoice> UsableNumbers { get; }

    /// <summary>Reads the snapshot: a few thousand rows at most, whatever the number of contacts.</summary>
    public static async Task<ResolutionBuckets> ReadAsync(
        PortalDbContext db, Channel channel, CancellationToken cancellationToken = default)
    {
        var numbers = await db.Numbers.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.ToFacts(), cancellationToken);

        var holders = await db.Users.AsNoTracking()
            .Where(u => u.InboundNumberId != null)
            .Select(u => new { u.Id, NumberId = u.InboundNumberId!.Value })
            .ToListAsync(cancellationToken);

        var defaultId = await db.AccountSettings.AsNoTracking().Select(s => s.DefaultOutboundNumberId)
            .FirstOrDefaultAsync(cancellationToken);

        var usableInbound = holders.Where(h => numbers[h.NumberId].IsUsableFor(channel))
            .ToDictionary(h => h.Id, h => h.NumberId);
        return new ResolutionBuckets(channel, numbers, usableInbound, defaultId);
    }

    /// <summary>The contacts whose effective number on this channel comes from the rule.</summary>
    public Expression<Func<Contact, bool>> OfRule(RuleId rule)
    {
        var holders = usableInboundHolders;
        var unusable = unusableNumbers;
        var defaultUsable = usableDefault is not null;
        return rule switch
        {
            RuleId.AssignedUserInbound => c => c.AssignedUserId != null && holders.Contains(c.AssignedUserId),
            RuleId.PreviousNumber => c => (c.AssignedUserId == null || !holders.Contains(c.AssignedUserId))
                                          && c.PreviousNumberId != null
                                          && !unusable.Contains(c.PreviousNumberId.Value),
            RuleId.AssignedUserDefault when defaultUsable =>
                c => c.AssignedUserId != null && !holders.Contains(c.AssignedUserId)
                                              && (c.PreviousNumberId == null
                                                  || unusable.Contains(c.PreviousNumberId.Value)),
            RuleId.UnassignedDefault when defaultUsable =>
                c => c.AssignedUserId == null
                     && (c.PreviousNumberId == null || unusable.Contains(c.PreviousNumberId.Value)),
            RuleId.None when !defaultUsable =>
                c => (c.AssignedUserId == null || !holders.Contains(c.AssignedUserId))
                     && (c.PreviousNumberId == null || unusable.Contains(c.PreviousNumberId.Value)),
            _ => c => false,
        };
    }

    /// <summary>The contacts whose effective number on this channel is the number.</summary>
    public Expression<Func<Contact, bool>> OfNumber(long numberId)
    {
        if (UsableNumbers.All(n => n.Id != numberId))
        {
            return c => false;
        }

        // Each branch is one rule; the first two are found through an index, the default's through a walk.
        var holders = usableInboundHolders;
        var unusable = unusableNumbers;
        var byPrevious = (Expression<Func<Contact, bool>>)(c =>
            (c.AssignedUserId == null || !holders.Contains(c.AssignedUserId)) && c.PreviousNumberId == numberId);
        var served = byPrevious;
        if (holderOfNumber.TryGetValue(numberId, out var holder))
        {
            served = Or(c => c.AssignedUserId == holder, served);
        }

        if (usableDefault == numberId)
        {
            served = Or(served, c => (c.AssignedUserId == null || !holders.Contains(c.AssignedUserId))
                                     && (c.PreviousNumberId == null || unusable.Contains(c.PreviousNumberId.Value)));
        }

        return served;
    }

    /// <summary>The contacts that get no number on this channel.</summary>
    public Expression<Func<Contact, bool>> OfNoNumber() => OfRule(RuleId.None);

    private static Expression<Func<Contact, bool>> Or(
        Expression<Func<Contact, bool>> left, Expression<Func<Contact, bool>> right)
    {
        var contact = left.Parameters[0];
        var rightBody = new Rebind(right.Parameters[0], contact).Visit(right.Body);
        return Expression.Lambda<Func<Contact, bool>>(Expression.OrElse(left.Body, rightBody), contact);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
