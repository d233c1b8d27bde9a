namespace Portal.Tests.Scenarios;

// The public scenarios live in samples/scenarios of the repository; tests find them from the test binaries.
internal static class ScenarioFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PublicDirectory => Path.Combine(RepositoryRoot, "samples", "scenarios");

    public static IEnumerable<string> Public =>
        Directory.EnumerateFiles(PublicDirectory, "*.json").Order(StringComparer.Ordinal);

    public static string PathOf(string fileName) => Path.Combine(PublicDirectory, fileName);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null;
             directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }
}
