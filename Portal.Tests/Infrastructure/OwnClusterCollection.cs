namespace Portal.Tests.Infrastructure;

/// <summary>
/// Tests that stop or restart PostgreSQL use a cluster of their own and run one at a time, apart from the rest.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OwnClusterCollection
{
    public const string Name = "Tests with a PostgreSQL cluster of their own";
}
