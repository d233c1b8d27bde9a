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

public sealed class SendLedgerTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PortalDbContext _db = null!;
    private Contact _contact = null!;
    private readonly List<InputChange> _published = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        _db.Numbers.AddRange(
            new TwilioNumber { E164 = "+12025550100", Capabilities = Capabilities.All, CreatedAt = now },
            new TwilioNumber { E164 = "+12025550101", Capabilities = Capabilities.All, CreatedAt = now },
            new TwilioNumber
            {
                E164 = "+12025550177",
                Capabilities = Capabilities.Sms,
                IsReleased = true,
                CreatedAt = now,
            });
        _contact = new Contact { ExternalId = "c1", FirstName = "Ann", CreatedAt = now, ImportedAt = now };
        _db.Contacts.Add(_contact);
        await _db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private SendLedger Ledger()
    {
        var changes = new InputChanges(NullLogger<InputChanges>.Instance);
        changes.Subscribe(change =>
        {
            _published.Add(change);
            return Task.CompletedTask;
        });
        return new SendLedger(_db, changes, NullLogger<SendLedger>.Instance);
    }

    private async Task<string?> PreviousNumberAsync()
    {
        await using var fresh = _database.CreateDbContext();
        return await fresh.Contacts.Where(c => c.Id == _contact.Id).Select(c => c.PreviousNumber!.E164)
            .SingleAsync();
    }

    private SendToRecord Send(string from, string status, DateTimeOffset at, string? sid = null) =>
        new(_contact.Id, from, Channel.Sms, sid ?? "SM" + Guid.NewGuid().ToString("N"), status, at, "api");

    [Fact]
    public async Task An_accepted_send_becomes_the_contacts_previous_number_and_tells_open_pages()
    {
        var at = DateTimeOffset.UtcNow;

        await Ledger().RecordAsync(Send("+12025550101", "queued", at));

        Assert.Equal("+12025550101", await PreviousNumberAsync());
        var change = Assert.Single(_published);
        Assert.Equal((InputChangeKind.Send, _contact.Id), (change.Kind, Assert.Single(change.Contacts)));
    }

    [Fact]
    public async Task A_failed_send_does_not_count_and_the_send_before_it_stays_the_previous_number()
    {
        var at = DateTimeOffset.UtcNow;
        var ledger = Ledger();

        await ledger.RecordAsync(Send("+12025550100", "delivered", at.AddMinutes(-5)));
        await ledger.RecordAsync(Send("+12025550101", "failed", at));

        Assert.Equal("+12025550100", await PreviousNumberAsync());
    }

    [Fact]
    public async Task The_latest_send_by_send_time_wins_even_when_recorded_earlier()
    {
        var at = DateTimeOffset.UtcNow;
        var ledger = Ledger();

        await ledger.RecordAsync(Send("+12025550101", "delivered", at));
        await ledger.RecordAsync(Send("+12025550100", "delivered", at.AddHours(-1)));

        Assert.Equal("+12025550101", await PreviousNumberAsync());
    }

    [Fact]
    public async Task Sends_at_the_same_time_go_to_the_one_recorded_last()
    {
        var at = DateTimeOffset.UtcNow;
        var ledger = Ledger();

        await ledger.RecordAsync(Send("+12025550101", "sent", at));
        await ledger.RecordAsync(Send("+12025550100", "sent", at));

        Assert.Equal("+12025550100", await PreviousNumberAsync());
    }

    [Fact]
    public async Task A_busy_call_counts_because_the_contact_saw_the_number()
    {
        var at = DateTimeOffset.UtcNow;

        await Ledger().RecordAsync(Send("+12025550101", "busy", at) with { Channel = Channel.Voice });

        Assert.Equal("+12025550101", await PreviousNumberAsync());
    }

    [Theory]
    [InlineData("+12025550177")]
    [InlineData("+12025550999")]
    public async Task A_send_from_a_number_the_account_does_not_own_is_refused_and_nothing_is_recorded(string from)
    {
        var refusal = await Assert.ThrowsAsync<SendRefusedException>(
            () => Ledger().RecordAsync(Send(from, "sent", DateTimeOffset.UtcNow)));

        Assert.Equal(
            $"{from} is not a number the account owns; send from one of the numbers on the Numbers page.",
            refusal.Message);
        await using var fresh = _database.CreateDbContext();
        Assert.Equal(0, await fresh.Sends.CountAsync());
        Assert.Null(await PreviousNumberAsync());
        Assert.Empty(_published);
    }

    [Fact]
    public async Task The_same_sid_twice_is_refused()
    {
        var ledger = Ledger();
        await ledger.RecordAsync(Send("+12025550101", "sent", DateTimeOffset.UtcNow, sid: "SM1"));

        var refusal = await Assert.ThrowsAsync<SendRefusedException>(
            () => ledger.RecordAsync(Send("+12025550100", "sent", DateTimeOffset.UtcNow, sid: "SM1")));

        Assert.Contains("SM1 is already recorded", refusal.Message);
        Assert.Equal("+12025550101", await PreviousNumberAsync());
    }

    [Fact]
    public async Task A_send_chosen_by_the_rules_keeps_its_rule_and_trace()
    {
        var facts = new ContactFacts(false, null, null, new NumberFacts("+12025550101", false, Capabilities.All));
        var explained = Resolver.Explain(facts, Channel.Sms);

        var send = await Ledger().RecordAsync(
            Send("+12025550101", "queued", DateTimeOffset.UtcNow) with { ChosenBy = explained });

        await using var fresh = _database.CreateDbContext();
        var stored = await fresh.Sends.SingleAsync(s => s.Id == send.Id);
        Assert.Equal("unassigned-default", stored.Rule);
        Assert.Contains("\"rule\": \"unassigned-default\"", stored.Trace);
        Assert.Contains("\"reason\": \"no-previous-number\"", stored.Trace);
    }
}
