using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Portal.Database;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Numbers;
using Portal.Infrastructure;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Numbers.FakeTwilio;

namespace Portal.Tests.Numbers;

// Each test gets a database of its own: a sync reads and changes the whole numbers table.
public sealed class NumberSyncTests : IAsyncLifetime
{
    private static readonly ListedNumber Sales = new("+12025550110", "PNsales1", "Sales line", Capabilities.All);
    private static readonly ListedNumber Desk = new("+12025550118", "PNdesk1", "Front desk", Capabilities.All);
    private static readonly ListedNumber Voice = new("+12025550190", "PNvoice1", "Voice only", Capabilities.Voice);

    private readonly TestDatabase _database = new();
    private PortalDbContext _db = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _db = _database.CreateDbContext();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Demo_sync_reads_both_sample_pages_through_the_sdk_and_stores_64_numbers()
    {
        var demo = TwilioEndpoint.From(new TwilioSettings(), new ConfigurationBuilder().Build());
        var pages = new List<SyncProgress>();

        var result = await Sync(_db, demo).SyncAsync(Admin, pages.Add);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((64, 64, 0), (result.Read, result.Added, result.Released));
        Assert.Contains("demo listing", result.Message);
        Assert.Equal([1, 2], pages.Where(p => p.Numbers < 64 || p.Pages == 2).Select(p => p.Pages).Distinct());
        Assert.Equal(new SyncProgress(2, 64), pages[^1]);
        var numbers = await _db.Numbers.AsNoTracking().ToDictionaryAsync(n => n.E164);
        Assert.Equal(64, numbers.Count);
        Assert.Equal(54, numbers.Values.Count(n => n.Capabilities == Capabilities.All));
        Assert.Equal(8, numbers.Values.Count(n => n.Capabilities == (Capabilities.Sms | Capabilities.Voice)));
        Assert.Equal(["+12025550190", "+12025550191"],
            numbers.Values.Where(n => n.Capabilities == Capabilities.Voice).Select(n => n.E164).Order());
        var sales = numbers["+12025550110"];
        Assert.Equal(("PNc674021e77f8f507b5a57313b41f9708", "Sales line", false),
            (sales.Sid, sales.FriendlyName, sales.IsReleased));
        Assert.Equal(Capabilities.Sms | Capabilities.Voice, numbers["+447700900110"].Capabilities);
        Assert.Equal(Capabilities.Sms | Capabilities.Voice, numbers["+18005550100"].Capabilities);
        Assert.Equal(64,
            await _db.AuditEvents.CountAsync(a => a.Action == "number.added" && a.Actor == "ada@example.com"));
    }

    [Fact]
    public async Task A_second_sync_of_the_same_listing_changes_nothing_and_audits_nothing()
    {
        var twilio = Listing([Sales, Desk, Voice]);
        await twilio.SyncFor(_db).SyncAsync(Admin);
        var audited = await _db.AuditEvents.CountAsync();

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.Equal((3, 0, 3), (result.Read, result.Changed, result.Unchanged));
        Assert.Equal(audited, await _db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task A_number_twilio_no_longer_lists_is_marked_released_and_kept()
    {
        await Listing([Sales, Desk, Voice]).SyncFor(_db).SyncAsync(Admin);

        var result = await Listing([Sales, Voice]).SyncFor(_db).SyncAsync(Actor.System(NumberSync.SystemActor));

        Assert.Equal((1, 2), (result.Released, result.Unchanged));
        var desk = await _db.Numbers.AsNoTracking().SingleAsync(n => n.E164 == Desk.E164);
        Assert.True(desk.IsReleased);
        Assert.NotNull(desk.ReleasedAt);
        Assert.Equal("PNdesk1", desk.Sid);
        var audit = await _db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "number.released");
        Assert.Equal(("twilio-sync", Desk.E164), (audit.Actor, audit.Subject));
        Assert.Equal([Desk.E164], audit.Numbers);
        Assert.StartsWith("active;", audit.Before);
        Assert.StartsWith("released;", audit.After);
    }

    [Fact]
    public async Task A_released_number_that_comes_back_is_reactivated_with_its_new_sid_and_capabilities()
    {
        await Listing([Sales, Desk]).SyncFor(_db).SyncAsync(Admin);
        await Listing([Sales]).SyncFor(_db).SyncAsync(Admin);
        var id = await _db.Numbers.Where(n => n.E164 == Desk.E164).Select(n => n.Id).SingleAsync();

        var back = Desk with { Sid = "PNdesk2", Capabilities = Capabilities.Voice | Capabilities.Sms };
        var result = await Listing([Sales, back]).SyncFor(_db).SyncAsync(Admin);

        Assert.Equal((1, 0, 0), (result.Reactivated, result.Added, result.Updated));
        var desk = await _db.Numbers.AsNoTracking().SingleAsync(n => n.E164 == Desk.E164);
        Assert.Equal((id, "PNdesk2", Capabilities.Sms | Capabilities.Voice, false, (DateTimeOffset?)null),
            (desk.Id, desk.Sid, desk.Capabilities, desk.IsReleased, desk.ReleasedAt));
        var audit = await _db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "number.reactivated");
        Assert.Contains("PNdesk2", audit.After);
    }

    [Fact]
    public async Task A_changed_name_or_capability_is_updated_and_audited_before_and_after()
    {
        await Listing([Sales]).SyncFor(_db).SyncAsync(Admin);

        var result = await Listing([Sales with { FriendlyName = "Sales", Capabilities = Capabilities.Voice }])
            .SyncFor(_db).SyncAsync(Admin);

        Assert.Equal(1, result.Updated);
        var audit = await _db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "number.updated");
        Assert.Contains("SMS, MMS, Voice", audit.Before);
        Assert.Contains("name \"Sales\"", audit.After);
    }

    [Fact]
    public async Task A_listed_number_not_in_e164_form_is_left_out_and_named_while_the_rest_is_synced()
    {
        var result = await Listing([Sales, new ListedNumber("2025550199", "PNbad", "Typo", Capabilities.All)])
            .SyncFor(_db).SyncAsync(Admin);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Added);
        Assert.Contains("\"2025550199\" (SID PNbad) that is not in E.164 form", Assert.Single(result.Problems));
        Assert.Equal([Sales.E164], await _db.Numbers.Select(n => n.E164).ToListAsync());
    }

    [Fact]
    public async Task Unauthorized_changes_nothing_is_not_retried_and_says_to_check_the_credentials()
    {
        var before = await SeedAsync();
        var twilio = new FakeTwilio(Status(HttpStatusCode.Unauthorized,
            """{"code": 20003, "message": "Authenticate", "status": 401}"""));

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.False(result.Succeeded);
        Assert.Contains("refused the account's credentials (401)", result.Message);
        Assert.Contains("Check Twilio:AccountSid", result.Message);
        Assert.EndsWith("Nothing was changed.", result.Message);
        Assert.Single(twilio.Requests);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Too_many_requests_is_retried_three_times_within_the_wait_cap_then_changes_nothing()
    {
        var before = await SeedAsync();
        var twilio = new FakeTwilio(Status(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30)));
        var started = DateTime.UtcNow;

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.False(result.Succeeded);
        Assert.Equal(4, twilio.Requests.Count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "Retry-After must be capped");
        Assert.Contains("429 Too Many Requests", result.Message);
        Assert.Contains("after 3 retries", result.Message);
        Assert.EndsWith("Nothing was changed.", result.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_server_error_after_three_retries_changes_nothing_and_says_so()
    {
        var before = await SeedAsync();
        var twilio = new FakeTwilio(Status(HttpStatusCode.InternalServerError, "<html>oops</html>"));

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.False(result.Succeeded);
        Assert.Equal(4, twilio.Requests.Count);
        Assert.Contains("server error (500 InternalServerError)", result.Message);
        Assert.EndsWith("Nothing was changed.", result.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_failure_on_the_second_page_leaves_the_first_page_unsaved()
    {
        var before = await SeedAsync();
        var listing = Enumerable.Range(0, 60)
            .Select(i => new ListedNumber($"+1312555{i:0000}", $"PN{i}", null, Capabilities.All)).ToList();
        var twilio = new FakeTwilio(Json(TwilioPage(listing, 0, 50)), Status(HttpStatusCode.ServiceUnavailable));

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.False(result.Succeeded);
        Assert.Contains("503", result.Message);
        Assert.Equal(5, twilio.Requests.Count);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_server_error_that_clears_up_within_the_retries_lets_the_sync_finish()
    {
        var twilio = new FakeTwilio(
            Status(HttpStatusCode.BadGateway), Status(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.Zero),
            Json(TwilioPage([Sales, Desk], 0, 50)));

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((3, 2), (twilio.Requests.Count, result.Added));
    }

    [Fact]
    public async Task A_timeout_changes_nothing_and_says_twilio_did_not_answer()
    {
        var before = await SeedAsync();
        var twilio = new FakeTwilio(Hang);

        var result = await twilio.SyncFor(_db).SyncAsync(Admin);

        Assert.False(result.Succeeded);
        Assert.Contains("Twilio did not answer within 0.3 seconds", result.Message);
        Assert.EndsWith("Nothing was changed.", result.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Support_is_refused_by_the_service_before_twilio_is_asked()
    {
        var twilio = Listing([Sales]);

        var result = await twilio.SyncFor(_db).SyncAsync(Support);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Only an admin may sync numbers from Twilio.", result.Message);
        Assert.Empty(twilio.Requests);
        Assert.Empty(await _db.Numbers.ToListAsync());
    }

    /// <summary>Syncs a small account and returns its state, for comparing after a failed sync.</summary>
    private async Task<string> SeedAsync()
    {
        await Listing([Sales, Desk, Voice]).SyncFor(_db).SyncAsync(Admin);
        await Listing([Sales, Voice]).SyncFor(_db).SyncAsync(Admin);
        return await SnapshotAsync();
    }

    private async Task<string> SnapshotAsync()
    {
        var numbers = await _db.Numbers.AsNoTracking().OrderBy(n => n.E164).ToListAsync();
        var audits = await _db.AuditEvents.CountAsync();
        return string.Join("\n", numbers.Select(Line)) + $"\naudit events: {audits}";

        static string Line(TwilioNumber n) =>
            $"{n.E164} {n.Sid} {n.FriendlyName} {n.Capabilities} {n.IsReleased} {n.ReleasedAt:O} {n.SyncedAt:O} "
            + $"{n.Version}";
    }
}
