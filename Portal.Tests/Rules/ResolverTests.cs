using Portal.Domain.Rules;

namespace Portal.Tests.Rules;

public class ResolverTests
{
    private const string Inbound = "+12025550101";
    private const string OtherInbound = "+12025550102";
    private const string Previous = "+12025550150";
    private const string Default = "+12025550100";

    private static NumberFacts Owned(string number, Capabilities capabilities = Capabilities.All) =>
        NumberFacts.Owned(number, capabilities);

    private static NumberFacts Released(string number, Capabilities capabilities = Capabilities.All) =>
        NumberFacts.Released(number, capabilities);

    private static ContactFacts Assigned(NumberFacts? inbound = null, NumberFacts? previous = null,
        NumberFacts? fallback = null) => new(true, inbound, previous, fallback);

    private static ContactFacts Unassigned(NumberFacts? previous = null, NumberFacts? fallback = null) =>
        new(false, null, previous, fallback);

    public static TheoryData<string, ContactFacts, Channel, string[]> Rules => new()
    {
        {
            "rule 1: the assigned user's inbound number",
            Assigned(Owned(Inbound), Owned(Previous), Owned(Default)), Channel.Sms,
            [$"assigned-user-inbound applied {Inbound} -"]
        },
        {
            "rule 2: the previous number of an unassigned contact",
            Unassigned(Owned(Previous), Owned(Default)), Channel.Voice,
            ["assigned-user-inbound not-applicable - unassigned", $"previous-number applied {Previous} -"]
        },
        {
            "rule 2: the previous number when the user has no inbound number",
            Assigned(null, Owned(Previous), Owned(Default)), Channel.Mms,
            ["assigned-user-inbound not-applicable - no-inbound-number", $"previous-number applied {Previous} -"]
        },
        {
            "rule 3: the default for an assigned contact",
            Assigned(null, null, Owned(Default)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - no-inbound-number",
                "previous-number not-applicable - no-previous-number",
                $"assigned-user-default applied {Default} -",
            ]
        },
        {
            "rule 4: the default for an unassigned contact",
            Unassigned(null, Owned(Default)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - unassigned",
                "previous-number not-applicable - no-previous-number",
                "assigned-user-default not-applicable - unassigned",
                $"unassigned-default applied {Default} -",
            ]
        },
        {
            "rule 5: nothing configured for an unassigned contact",
            Unassigned(), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - unassigned",
                "previous-number not-applicable - no-previous-number",
                "assigned-user-default not-applicable - unassigned",
                "unassigned-default not-applicable - no-default",
                "none applied - -",
            ]
        },
        {
            "rule 5: nothing configured for an assigned contact",
            Assigned(), Channel.Voice,
            [
                "assigned-user-inbound not-applicable - no-inbound-number",
                "previous-number not-applicable - no-previous-number",
                "assigned-user-default not-applicable - no-default",
                "unassigned-default not-applicable - assigned",
                "none applied - -",
            ]
        },
        {
            "an unassigned contact ignores an inbound number left in its facts",
            new ContactFacts(false, Owned(Inbound), null, Owned(Default)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - unassigned",
                "previous-number not-applicable - no-previous-number",
                "assigned-user-default not-applicable - unassigned",
                $"unassigned-default applied {Default} -",
            ]
        },
    };

    public static TheoryData<string, ContactFacts, Channel, string[]> FallThroughs => new()
    {
        {
            "released inbound number falls through to the previous number",
            Assigned(Released(Inbound), Owned(Previous)), Channel.Sms,
            [$"assigned-user-inbound skipped {Inbound} released", $"previous-number applied {Previous} -"]
        },
        {
            "inbound number without mms falls through to the previous number",
            Assigned(Owned(Inbound, Capabilities.Sms | Capabilities.Voice), Owned(Previous)), Channel.Mms,
            [$"assigned-user-inbound skipped {Inbound} lacks-mms", $"previous-number applied {Previous} -"]
        },
        {
            "released inbound number without voice is skipped as released",
            Assigned(Released(Inbound, Capabilities.Sms), null, Owned(Default)), Channel.Voice,
            [
                $"assigned-user-inbound skipped {Inbound} released",
                "previous-number not-applicable - no-previous-number",
                $"assigned-user-default applied {Default} -",
            ]
        },
        {
            "previous number without sms falls through to the default",
            Unassigned(Owned(Previous, Capabilities.Voice), Owned(Default)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - unassigned",
                $"previous-number skipped {Previous} lacks-sms",
                "assigned-user-default not-applicable - unassigned",
                $"unassigned-default applied {Default} -",
            ]
        },
        {
            "released previous number falls through to the default",
            Assigned(null, Released(Previous), Owned(Default)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - no-inbound-number",
                $"previous-number skipped {Previous} released",
                $"assigned-user-default applied {Default} -",
            ]
        },
        {
            "released previous number without mms is skipped as released",
            Unassigned(Released(Previous, Capabilities.Sms), Owned(Default)), Channel.Mms,
            [
                "assigned-user-inbound not-applicable - unassigned",
                $"previous-number skipped {Previous} released",
                "assigned-user-default not-applicable - unassigned",
                $"unassigned-default applied {Default} -",
            ]
        },
        {
            "released default leaves an assigned contact with none",
            Assigned(null, null, Released(Default)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - no-inbound-number",
                "previous-number not-applicable - no-previous-number",
                $"assigned-user-default skipped {Default} released",
                "unassigned-default not-applicable - assigned",
                "none applied - -",
            ]
        },
        {
            "default without voice leaves an unassigned contact with none",
            Unassigned(null, Owned(Default, Capabilities.Sms | Capabilities.Mms)), Channel.Voice,
            [
                "assigned-user-inbound not-applicable - unassigned",
                "previous-number not-applicable - no-previous-number",
                "assigned-user-default not-applicable - unassigned",
                $"unassigned-default skipped {Default} lacks-voice",
                "none applied - -",
            ]
        },
        {
            "released default without sms is skipped as released",
            Unassigned(null, Released(Default, Capabilities.Voice)), Channel.Sms,
            [
                "assigned-user-inbound not-applicable - unassigned",
                "previous-number not-applicable - no-previous-number",
                "assigned-user-default not-applicable - unassigned",
                $"unassigned-default skipped {Default} released",
                "none applied - -",
            ]
        },
        {
            "every number skipped, each with its own reason",
            Assigned(Owned(Inbound, Capabilities.None), Released(Previous), Owned(Default, Capabilities.Sms)),
            Channel.Voice,
            [
                $"assigned-user-inbound skipped {Inbound} lacks-voice",
                $"previous-number skipped {Previous} released",
                $"assigned-user-default skipped {Default} lacks-voice",
                "unassigned-default not-applicable - assigned",
                "none applied - -",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    [MemberData(nameof(FallThroughs))]
    public void Trace_names_every_rule_up_to_the_one_that_applied(string situation, ContactFacts facts,
        Channel channel, string[] expectedTrace)
    {
        var explained = Resolver.Explain(in facts, channel);

        Assert.True(expectedTrace.SequenceEqual(TraceText.Of(explained)),
            $"{situation}:\nexpected {string.Join(" | ", expectedTrace)}\nactual   "
            + string.Join(" | ", TraceText.Of(explained)));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    [MemberData(nameof(FallThroughs))]
    public void Fast_entry_point_gives_the_number_and_rule_of_the_applied_entry(string situation,
        ContactFacts facts, Channel channel, string[] expectedTrace)
    {
        var applied = expectedTrace[^1].Split(' ');

        var resolution = Resolver.Resolve(in facts, channel);

        Assert.Equal(applied[0], WireCodes.Of(resolution.Rule));
        Assert.True((resolution.From ?? "-") == applied[2], situation);
    }

    [Fact]
    public void Reassigned_contact_moves_to_the_new_users_number()
    {
        var reassigned = Assigned(Owned(OtherInbound), Owned(Inbound), Owned(Default));

        var resolution = Resolver.Resolve(in reassigned, Channel.Sms);

        Assert.Equal(new Resolution(OtherInbound, RuleId.AssignedUserInbound), resolution);
    }

    [Fact]
    public void Contact_follows_its_users_changed_inbound_number()
    {
        var afterChange = Assigned(Owned(OtherInbound), Owned(Inbound), Owned(Default));

        var resolution = Resolver.Resolve(in afterChange, Channel.Voice);

        Assert.Equal(new Resolution(OtherInbound, RuleId.AssignedUserInbound), resolution);
    }

    [Fact]
    public void Contacted_contact_keeps_its_number_when_unassigned()
    {
        var unassigned = Unassigned(Owned(Inbound), Owned(Default));

        var resolution = Resolver.Resolve(in unassigned, Channel.Sms);

        Assert.Equal(new Resolution(Inbound, RuleId.PreviousNumber), resolution);
    }

    [Fact]
    public void Contacted_contact_keeps_its_number_when_its_new_user_has_no_inbound_number()
    {
        var reassigned = Assigned(null, Owned(Inbound), Owned(Default));

        var resolution = Resolver.Resolve(in reassigned, Channel.Sms);

        Assert.Equal(new Resolution(Inbound, RuleId.PreviousNumber), resolution);
    }

    [Fact]
    public void Contacted_contact_keeps_its_number_when_the_default_changes()
    {
        var withNewDefault = Unassigned(Owned(Default), Owned("+12025550199"));

        var resolution = Resolver.Resolve(in withNewDefault, Channel.Sms);

        Assert.Equal(new Resolution(Default, RuleId.PreviousNumber), resolution);
    }

    [Fact]
    public void Default_that_is_also_a_users_inbound_number_serves_other_contacts()
    {
        var sharedNumber = Owned(Inbound);
        var contactOfAnotherUser = Assigned(null, null, sharedNumber);

        var resolution = Resolver.Resolve(in contactOfAnotherUser, Channel.Sms);

        Assert.Equal(new Resolution(Inbound, RuleId.AssignedUserDefault), resolution);
    }

    [Fact]
    public void Number_skipped_as_inbound_is_skipped_again_as_default_with_the_same_reason()
    {
        var sharedNumber = Owned(Inbound, Capabilities.Sms);
        var facts = Assigned(sharedNumber, null, sharedNumber);

        var explained = Resolver.Explain(in facts, Channel.Mms);

        Assert.Equal(
            [
                $"assigned-user-inbound skipped {Inbound} lacks-mms",
                "previous-number not-applicable - no-previous-number",
                $"assigned-user-default skipped {Inbound} lacks-mms",
                "unassigned-default not-applicable - assigned",
                "none applied - -",
            ],
            TraceText.Of(explained));
    }
}
