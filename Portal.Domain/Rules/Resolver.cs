using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Portal.Domain.Rules;

/// <summary>Decides the From number for one contact and channel by the rules of DESIGN.md §1.</summary>
public static class Resolver
{
    /// <summary>The From number and rule only; allocates nothing, for pages that resolve many contacts.</summary>
    public static Resolution Resolve(in ContactFacts facts, Channel channel)
    {
        var trace = new NoTrace();
        return Run(in facts, channel, ref trace);
    }

    /// <summary>The From number, the rule and the trace that says why, for the "why this number?" answers.</summary>
    public static ExplainedResolution Explain(in ContactFacts facts, Channel channel)
    {
        var trace = new TraceRecorder();
        var resolution = Run(in facts, channel, ref trace);

        return new ExplainedResolution(resolution, trace.ToArray());
    }

    // Both entry points share this one walk through the rules so they cannot disagree; the trace is a struct type
    // parameter, so the JIT compiles a separate copy for the fast path in which recording is empty and vanishes.
    private static Resolution Run<TTrace>(in ContactFacts facts, Channel channel, ref TTrace trace)
        where TTrace : struct, ITrace
    {
        TraceReason? unlessAssigned = facts.IsAssigned ? null : TraceReason.Unassigned;
        TraceReason? unlessUnassigned = facts.IsAssigned ? TraceReason.Assigned : null;

        var inbound = facts.Inbound;
        if (Offers(RuleId.AssignedUserInbound, unlessAssigned, in inbound, TraceReason.NoInboundNumber, channel,
                ref trace, out var from))
        {
            return new Resolution(from, RuleId.AssignedUserInbound);
        }

        var previous = facts.Previous;
        if (Offers(RuleId.PreviousNumber, null, in previous, TraceReason.NoPreviousNumber, channel,
                ref trace, out from))
        {
            return new Resolution(from, RuleId.PreviousNumber);
        }

        var fallback = facts.Default;
        if (Offers(RuleId.AssignedUserDefault, unlessAssigned, in fallback, TraceReason.NoDefault, channel,
                ref trace, out from))
        {
            return new Resolution(from, RuleId.AssignedUserDefault);
        }

        if (Offers(RuleId.UnassignedDefault, unlessUnassigned, in fallback, TraceReason.NoDefault, channel,
                ref trace, out from))
        {
            return new Resolution(from, RuleId.UnassignedDefault);
        }

        trace.Add(TraceEntry.Applied(RuleId.None, null));
        return new Resolution(null, RuleId.None);
    }

    // Records what one rule makes of its number and says whether that number is the From number. missingInput is
    // set when the contact's assignment rules the rule out before its number is looked at.
    private static bool Offers<TTrace>(RuleId rule, TraceReason? missingInput, in NumberFacts? candidate,
        TraceReason absentReason, Channel channel, ref TTrace trace, [NotNullWhen(true)] out string? number)
        where TTrace : struct, ITrace
    {
        number = null;

        if (missingInput is { } inputReason)
        {
            trace.Add(TraceEntry.NotApplicable(rule, inputReason));
            return false;
        }

        if (candidate is not { } offered)
        {
            trace.Add(TraceEntry.NotApplicable(rule, absentReason));
            return false;
        }

        if (offered.UnusableReason(channel) is { } unusable)
        {
            trace.Add(TraceEntry.Skipped(rule, offered.Number, unusable));
            return false;
        }

        number = offered.Number;
        trace.Add(TraceEntry.Applied(rule, number));
        return true;
    }

    private interface ITrace
    {
        void Add(TraceEntry entry);
    }

    private struct NoTrace : ITrace
    {
        public readonly void Add(TraceEntry entry)
        {
        }
    }

    private struct TraceRecorder : ITrace
    {
        private TraceBuffer buffer;
        private int count;

        public void Add(TraceEntry entry)
        {
            buffer[count] = entry;
            count++;
        }

        public readonly TraceEntry[] ToArray() => ((ReadOnlySpan<TraceEntry>)buffer)[..count].ToArray();
    }

    // A trace never has more entries than there are rules.
    [InlineArray(5)]
    private struct TraceBuffer
    {
        private TraceEntry first;
    }
}
