using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;
using Portal.Features.Users;

namespace Portal.Features.Demo;

/// <summary>
/// Loads the files in samples/ through the same importers an admin uses, so the demo exercises the real code paths.
/// Loading twice changes nothing.
/// </summary>
public sealed class DemoData(
    UserCsvImport userImport, UserManager<PortalUser> users, IConfiguration configuration, ILogger<DemoData> logger)
{
    public string Password => configuration["Demo:Password"] is { Length: > 0 } password
        ? password
        : throw new InvalidOperationException("Demo:Password is not set; appsettings.Development.json sets it.");

    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var samples = SamplesFolder();
        var report = new List<string>();

        using (var csv = File.OpenText(Path.Combine(samples, "users.csv")))
        {
            var result = await userImport.ImportAsync(csv, Password, cancellationToken);
            DemoLog.UsersLoaded(logger, result.Created, result.AlreadyPresent, result.Problems.Count);
            report.Add($"Users: {result.Created} created, {result.AlreadyPresent} already there.");
            report.AddRange(result.Problems.Select(p => $"  users.csv line {p.Line}, {p.Column}: {p.Message}"));
        }

        report.Add($"Demo logins (password {Password}):");
        foreach (var role in PortalRoles.All)
        {
            var first = (await users.GetUsersInRoleAsync(role)).Where(u => u.IsActive).MinBy(u => u.Email);
            report.Add($"  {role,-8} {first?.Email ?? "(none)"}");
        }

        return report;
    }

    private string SamplesFolder() => Demo.SamplesFolder.Find(configuration);
}

internal static partial class DemoLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information,
        Message = "Demo users loaded: {Created} created, {AlreadyPresent} already there, {Problems} problems")]
    public static partial void UsersLoaded(ILogger logger, int created, int alreadyPresent, int problems);
}
