using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Portal.Domain.Rules;

namespace Portal.Tests.Rules;

// Random facts drawn from a small pool of numbers, so that the inbound, previous and default numbers often
// coincide, as they do in real accounts.
public static class RandomFacts
{
    private static readonly string[] Pool = ["+12025550100", "+12025550101", "+12025550102"];

    private static Gen<NumberFacts> Number =>
        from number in Gen.Elements(Pool)
        from released in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from capabilities in Gen.Choose(0, (int)Capabilities.All)
        select new NumberFacts(number, released, (Capabilities)capabilities);

    private static Gen<NumberFacts?> OptionalNumber =>
        Gen.Frequency((1, Gen.Constant<NumberFacts?>(null)), (3, Number.Select(number => (NumberFacts?)number)));

    public static Arbitrary<ContactFacts> Contacts() =>
        (from assigned in Gen.Elements(true, false)
         from inbound in OptionalNumber
         from previous in OptionalNumber
         from fallback in OptionalNumber
         select new ContactFacts(assigned, inbound, previous, fallback)).ToArbitrary();

    public static Arbitrary<Channel> Channels() => Gen.Elements(Channel.Sms, Channel.Mms, Channel.Voice).ToArbitrary();
}

[Properties(Arbitrary = [typeof(RandomFacts)], MaxTest = 500)]
public class ResolverProperties
{
    [Property]
    public bool From_number_is_usable_for_the_channel_or_there_is_none(ContactFacts facts, Channel channel)
    {
        var resolution = Resolver.Resolve(in facts, channel);

        var offered = resolution.Rule switch
        {
            RuleId.AssignedUserInbound => facts.Inbound,
            RuleId.PreviousNumber => facts.Previous,
            RuleId.AssignedUserDefault or RuleId.UnassignedDefault => facts.Default,
            _ => null,
        };

        return resolution.Rule == RuleId.None
            ? resolution.From is null
            : offered is { } number && number.Number == resolution.From && number.IsUsableFor(channel);
    }

    [Property]
    public bool Rule_1_applies_exactly_when_the_assigned_users_inbound_number_is_usable(ContactFacts facts,
        Channel channel)
    {
        var inboundUsable = facts.IsAssigned && facts.Inbound is { } inbound && inbound.IsUsableFor(channel);

        var resolution = Resolver.Resolve(in facts, channel);

        return (resolution.Rule == RuleId.AssignedUserInbound) == inboundUsable;
    }

    [Property]
    public bool Default_rules_apply_only_to_contacts_of_the_matching_kind(ContactFacts facts, Channel channel)
    {
        var resolution = Resolver.Resolve(in facts, channel);

        return resolution.Rule switch
        {
            RuleId.AssignedUserDefault => facts.IsAssigned,
            RuleId.UnassignedDefault => !facts.IsAssigned,
            _ => true,
        };
    }

    [Property]
    public bool Fast_and_explaining_entry_points_agree(ContactFacts facts, Channel channel)
    {
        var fast = Resolver.Resolve(in facts, channel);
        var explained = Resolver.Explain(in facts, channel);

        var applied = explained.Trace[^1];
        return fast == explained.Resolution && applied.Rule == fast.Rule && applied.Number == fast.From;
    }

    [Property]
    public bool Trace_lists_rules_in_order_and_ends_with_the_only_applied_entry(ContactFacts facts, Channel channel)
    {
        var trace = Resolver.Explain(in facts, channel).Trace;

        var inOrder = trace.Select((entry, index) => (int)entry.Rule == index + 1).All(matches => matches);
        var onlyLastApplied = trace.Count(entry => entry.Outcome == RuleOutcome.Applied) == 1
            && trace[^1].Outcome == RuleOutcome.Applied;

        return inOrder && onlyLastApplied;
    }

    [Property]
    public bool Every_entry_has_the_number_and_reason_its_outcome_calls_for(ContactFacts facts, Channel channel)
    {
        var trace = Resolver.Explain(in facts, channel).Trace;

        return trace.All(entry => entry.Outcome switch
        {
            RuleOutcome.Applied => entry.Reason is null && (entry.Number is null) == (entry.Rule == RuleId.None),
            RuleOutcome.NotApplicable => entry.Number is null
                && entry.Reason is TraceReason.Unassigned or TraceReason.Assigned or TraceReason.NoInboundNumber
                    or TraceReason.NoPreviousNumber or TraceReason.NoDefault,
            _ => entry.Number is not null
                && (entry.Reason == TraceReason.Released || entry.Reason == channel.LacksReason()),
        });
    }
}
