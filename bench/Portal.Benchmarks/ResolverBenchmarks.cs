using BenchmarkDotNet.Attributes;
using Portal.Domain.Rules;

namespace Portal.Benchmarks;

/// <summary>
/// Both entry points of the resolver, on a page of contacts with every rule and fall-through represented, and on
/// the costliest single contact: one whose trace walks all five rules.
/// </summary>
[MemoryDiagnoser]
public class ResolverBenchmarks
{
    private const int PageSize = 64;

    private static readonly string[] Pool = ["+12025550100", "+12025550101", "+12025550102", "+12025550103"];

    private readonly ContactFacts[] page = new ContactFacts[PageSize];
    private readonly Channel[] channels = new Channel[PageSize];

    private ContactFacts allRulesFail;

    [GlobalSetup]
    public void Setup()
    {
        // A fixed seed, so that every run measures the same page.
        var random = new Random(20251204);
        for (var index = 0; index < PageSize; index++)
        {
            page[index] = new ContactFacts(random.Next(2) == 0, RandomNumber(random), RandomNumber(random),
                RandomNumber(random));
            channels[index] = (Channel)random.Next(3);
        }

        allRulesFail = new ContactFacts(true, NumberFacts.Released(Pool[1], Capabilities.All),
            NumberFacts.Owned(Pool[2], Capabilities.Voice), NumberFacts.Owned(Pool[0], Capabilities.Mms));
    }

    [Benchmark(OperationsPerInvoke = PageSize)]
    public int Resolve_page()
    {
        var found = 0;
        for (var index = 0; index < page.Length; index++)
        {
            found += (int)Resolver.Resolve(in page[index], channels[index]).Rule;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = PageSize)]
    public int Explain_page()
    {
        var entries = 0;
        for (var index = 0; index < page.Length; index++)
        {
            entries += Resolver.Explain(in page[index], channels[index]).Trace.Count;
        }

        return entries;
    }

    [Benchmark]
    public Resolution Resolve_through_all_five_rules() => Resolver.Resolve(in allRulesFail, Channel.Sms);

    [Benchmark]
    public ExplainedResolution Explain_through_all_five_rules() => Resolver.Explain(in allRulesFail, Channel.Sms);

    private static NumberFacts? RandomNumber(Random random)
    {
        if (random.Next(4) == 0)
        {
            return null;
        }

        return new NumberFacts(Pool[random.Next(Pool.Length)], random.Next(4) == 0,
            (Capabilities)random.Next((int)Capabilities.All + 1));
    }
}
