namespace Portal.Features.Demo;

/// <summary>Finds the samples/ folder: the demo data and the demo Twilio listing.</summary>
public static class SamplesFolder
{
    public static string Find(IConfiguration configuration)
    {
        if (configuration["Demo:SamplesPath"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "users.csv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "The samples folder was not found above " + AppContext.BaseDirectory + "; set Demo:SamplesPath.");
    }
}
