using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Live;
using Portal.Features.Sends;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Sends;

public sealed class SendStatusUpdatesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly List<InputChange> _published = [];
    private PortalDbContext _db = null!;
    private InputChanges _changes = null!;
    private long _contact;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        _db.Numbers.AddRange(
            new TwilioNumber { E164 = "+12025550100", Capabilities = Capabilities.All, CreatedAt = now },
            new TwilioNumber { E164 = "+12025550101", Capabilities = Capabilities.All, CreatedAt = now });
        var contact = new Contact { ExternalId = "c1", FirstName = "Ann", CreatedAt = now, ImportedAt = now };
        _db.Contacts.Add(contact);
        await _db.SaveChangesAsync();
        _contact = contact.Id;

        _changes = new InputChanges(NullLogger<InputChanges>.Instance);
        _changes.Subscribe(change =>
        {
            _published.Add(change);
            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<long> RecordAsync(string from, string status, string? sid, DateTimeOffset at)
    {
        var ledger = new SendLedger(_db, _changes, NullLogger<SendLedger>.Instance);
        var send = await ledger.RecordAsync(new SendToRecord(_contact, from, Channel.Sms, sid, status, at, "portal"));
        _db.ChangeTracker.Clear();
        _published.Clear();
        return send.Id;
    }

    private async Task<StatusReportOutcome> ReportAsync(long? sendId, string? sid, string status)
    {
        await using var db = _database.CreateDbContext();
        var updates = new SendStatusUpdates(db, _changes, NullLogger<SendStatusUpdates>.Instance);
        return await updates.ApplyAsync(new StatusReport(sendId, sid, status));
    }

    private async Task<(string Status, string? Sid, bool Counts)> SendAsync(long id)
    {
        await using var db = _database.CreateDbContext();
        var send = await db.Sends.SingleAsync(s => s.Id == id);
        return (send.Status, send.Sid, send.Counts);
    }

    private async Task<string?> PreviousNumberAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Contacts.Where(c => c.Id == _contact).Select(c => c.PreviousNumber!.E164).SingleAsync();
    }

    [Fact]
    public async Task Statuses_move_forward_and_a_repeat_changes_nothing()
    {
        var id = await RecordAsync("+12025550100", "queued", "SM1", DateTimeOffset.UtcNow);

        var outcomes = new[]
        {
            await ReportAsync(id, "SM1", "sent"),
            await ReportAsync(id, "SM1", "delivered"),
            await ReportAsync(id, "SM1", "delivered"),
        };

        Assert.Equal([StatusReportOutcome.Changed, StatusReportOutcome.Changed, StatusReportOutcome.Unchanged],
            outcomes);
        Assert.Equal(("delivered", "SM1", true), await SendAsync(id));
        Assert.Equal(2, _published.Count);
    }

    [Fact]
    public async Task A_late_sent_cannot_move_a_delivered_message_back()
    {
        var id = await RecordAsync("+12025550100", "queued", "SM2", DateTimeOffset.UtcNow);
        await ReportAsync(null, "SM2", "delivered");

        var late = await ReportAsync(null, "SM2", "sent");

        Assert.Equal(StatusReportOutcome.Unchanged, late);
        Assert.Equal("delivered", (await SendAsync(id)).Status);
    }

    [Fact]
    public async Task A_failed_send_stops_counting_and_the_send_before_it_becomes_the_previous_number_again()
    {
        var at = DateTimeOffset.UtcNow;
        await RecordAsync("+12025550100", "delivered", "SM3", at.AddMinutes(-5));
        var id = await RecordAsync("+12025550101", "queued", "SM4", at);
        Assert.Equal("+12025550101", await PreviousNumberAsync());

        await ReportAsync(id, "SM4", "failed");

        Assert.Equal(("failed", "SM4", false), await SendAsync(id));
        Assert.Equal("+12025550100", await PreviousNumberAsync());
        var change = Assert.Single(_published);
        Assert.Equal((InputChangeKind.Send, _contact), (change.Kind, Assert.Single(change.Contacts)));
    }

    [Fact]
    public async Task Failed_is_final_even_when_a_delivered_report_arrives_after_it()
    {
        var id = await RecordAsync("+12025550100", "sent", "SM5", DateTimeOffset.UtcNow);
        await ReportAsync(id, "SM5", "failed");

        var late = await ReportAsync(id, "SM5", "delivered");

        Assert.Equal(StatusReportOutcome.Unchanged, late);
        Assert.Equal(("failed", false), ((await SendAsync(id)).Status, (await SendAsync(id)).Counts));
        Assert.Null(await PreviousNumberAsync());
    }

    [Fact]
    public async Task An_unknown_send_is_found_by_its_reference_learns_its_SID_and_starts_counting()
    {
        var id = await RecordAsync("+12025550101", "unknown", null, DateTimeOffset.UtcNow);
        Assert.Null(await PreviousNumberAsync());

        var outcome = await ReportAsync(id, "SM6", "sent");

        Assert.Equal(StatusReportOutcome.Changed, outcome);
        Assert.Equal(("sent", "SM6", true), await SendAsync(id));
        Assert.Equal("+12025550101", await PreviousNumberAsync());
    }

    [Fact]
    public async Task A_delivered_message_may_still_be_read()
    {
        var id = await RecordAsync("+12025550100", "delivered", "SM7", DateTimeOffset.UtcNow);

        Assert.Equal(StatusReportOutcome.Changed, await ReportAsync(id, "SM7", "read"));
        Assert.Equal("read", (await SendAsync(id)).Status);
    }

    [Fact]
    public async Task A_busy_call_counts()
    {
        var id = await RecordAsync("+12025550100", "unknown", null, DateTimeOffset.UtcNow);

        await ReportAsync(id, "CA1", "busy");

        Assert.Equal(("busy", "CA1", true), await SendAsync(id));
        Assert.Equal("+12025550100", await PreviousNumberAsync());
    }

    [Fact]
    public async Task A_report_whose_SID_belongs_to_another_send_changes_nothing()
    {
        var id = await RecordAsync("+12025550100", "queued", "SM8", DateTimeOffset.UtcNow);

        var outcome = await ReportAsync(id, "SM9", "delivered");

        Assert.Equal(StatusReportOutcome.Conflicting, outcome);
        Assert.Equal(("queued", "SM8", true), await SendAsync(id));
    }

    [Fact]
    public async Task A_report_about_no_recorded_send_and_an_unranked_status_change_nothing()
    {
        var id = await RecordAsync("+12025550100", "queued", "SM10", DateTimeOffset.UtcNow);

        Assert.Equal(StatusReportOutcome.NoSuchSend, await ReportAsync(null, "SM404", "delivered"));
        Assert.Equal(StatusReportOutcome.Unchanged, await ReportAsync(id, "SM10", "teleported"));
        Assert.Equal(StatusReportOutcome.Unchanged, await ReportAsync(id, "SM10", "unknown"));
        Assert.Equal("queued", (await SendAsync(id)).Status);
        Assert.Empty(_published);
    }
}
