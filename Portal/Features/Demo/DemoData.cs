using Microsoft.AspNetCore.Identity;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Contacts.Import;
using Portal.Features.Numbers;
using Portal.Features.Users;
using Portal.Infrastructure;

namespace Portal.Features.Demo;

/// <summary>
/// Loads the files in samples/ through the same importers an admin uses, so the demo exercises the real code paths.
/// Loading twice changes nothing.
/// </summary>
public sealed class DemoData(
    UserCsvImport userImport, ContactCsvImport contactImport, OutboundHistoryImport historyImport,
    UserManager<PortalUser> users, IConfiguration configuration, ILogger<DemoData> logger,
    NumberSync numberSync, NumberUsage numberUsage, DefaultOutbound defaultOutbound)
{
    /// <summary>The demo default outbound number if the account has it; else the first that texts and calls.</summary>
    public const string PreferredDefault = "+12025550100";

    public string Password => configuration["Demo:Password"] is { Length: > 0 } password
        ? password
        : throw new InvalidOperationException("Demo:Password is not set; appsettings.Development.json sets it.");

    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var samples = SamplesFolder();
        var report = new List<string>();

        // Numbers first: users' inbound numbers refer to them.
        var sync = await numberSync.SyncAsync(Actor.System(NumberSync.SystemActor), null, cancellationToken);
        report.Add("Numbers: " + sync.Message);
        report.AddRange(sync.Problems.Select(p => "  " + p));
        report.Add(await SetDefaultAsync(cancellationToken));

        using (var csv = File.OpenText(Path.Combine(samples, "users.csv")))
        {
            var result = await userImport.ImportAsync(csv, Password, cancellationToken);
            DemoLog.UsersLoaded(logger, result.Created, result.AlreadyPresent, result.Problems.Count);
            report.Add($"Users: {result.Created} created, {result.AlreadyPresent} already there.");
            report.AddRange(result.Problems.Select(p => $"  users.csv line {p.Line}, {p.Column}: {p.Message}"));
        }

        await LoadContactsAsync(samples, report, cancellationToken);

        report.Add($"Demo logins (password {Password}):");
        foreach (var role in PortalRoles.All)
        {
            var first = (await users.GetUsersInRoleAsync(role)).Where(u => u.IsActive).MinBy(u => u.Email);
            report.Add($"  {role,-8} {first?.Email ?? "(none)"}");
        }

        return report;
    }

    // Numbers come from the Twilio sync; history loaded before it keeps its From numbers as released ones until the
    // sync lists them.
    private async Task LoadContactsAsync(string samples, List<string> report, CancellationToken cancellationToken)
    {
        var actor = Actor.System(ContactCsvImport.ImportActor);
        using (var csv = File.OpenText(Path.Combine(samples, "contacts.csv")))
        {
            var result = await contactImport.ImportAsync(csv, actor, cancellationToken: cancellationToken);
            report.Add($"Contacts: {result.Imported} imported, {result.AlreadyPresent} already there, "
                       + $"{result.Problems.Count} rows reported.");
            report.AddRange(result.Problems.Select(p => $"  contacts.csv {p}"));
        }

        using (var csv = File.OpenText(Path.Combine(samples, "outbound-history.csv")))
        {
            var result = await historyImport.ImportAsync(csv, actor, cancellationToken: cancellationToken);
            report.Add($"Outbound history: {result.Rows.Imported} sends imported, {result.Rows.AlreadyPresent} "
                       + $"already there, {result.Rows.Problems.Count} rows skipped, {result.NumbersCreated} numbers "
                       + "kept as released.");
        }
    }

    private async Task<string> SetDefaultAsync(CancellationToken cancellationToken)
    {
        var current = await defaultOutbound.ReadAsync(cancellationToken);
        if (current.E164 is { } already)
        {
            return $"Default outbound number: {already} (already set; left as it is).";
        }

        var active = (await numberUsage.ListAsync(cancellationToken)).Where(n => !n.IsReleased).ToList();
        var chosen = active.FirstOrDefault(n => n.E164 == PreferredDefault)
                     ?? active.FirstOrDefault(n => n.Capabilities.HasFlag(Capabilities.Sms | Capabilities.Voice));
        if (chosen is null)
        {
            return "Default outbound number: none set, because no active number can both text and call.";
        }

        var result = await defaultOutbound.SetAsync(Actor.System("demo-load"), chosen.Id, current.Version,
            cancellationToken);
        return "Default outbound number: " + result.Message;
    }

    private string SamplesFolder() => Demo.SamplesFolder.Find(configuration);
}

internal static partial class DemoLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information,
        Message = "Demo users loaded: {Created} created, {AlreadyPresent} already there, {Problems} problems")]
    public static partial void UsersLoaded(ILogger logger, int created, int alreadyPresent, int problems);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Generated {What} in {ElapsedMs} ms")]
    public static partial void Generated(ILogger logger, string what, long elapsedMs);
}
