using Portal.Domain.Rules;

namespace Portal.Tests.Rules;

// Traces written as one line an entry, "rule outcome number reason" with "-" for null, so tables stay readable.
internal static class TraceText
{
    public static string[] Of(ExplainedResolution resolution) => [.. resolution.Trace.Select(Of)];

    public static string Of(TraceEntry entry)
    {
        var reason = entry.Reason is { } known ? WireCodes.Of(known) : "-";

        return $"{WireCodes.Of(entry.Rule)} {WireCodes.Of(entry.Outcome)} {entry.Number ?? "-"} {reason}";
    }
}
