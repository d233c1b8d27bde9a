using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Impact;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Impact;

// Each test gets a database of its own, seeded with the same small account.
public sealed class ImpactPreviewTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PortalDbContext _db = null!;
    private TwilioNumber _fallback = null!;
    private TwilioNumber _aliceLine = null!;
    private TwilioNumber _spare = null!;
    private TwilioNumber _voiceOnly = null!;
    private PortalUser _alice = null!;
    private PortalUser _carol = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _db = _database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        _fallback = Number("+12025550100", Capabilities.All);
        _aliceLine = Number("+12025550101", Capabilities.All);
        _spare = Number("+12025550102", Capabilities.All);
        _voiceOnly = Number("+12025550103", Capabilities.Voice);
        _alice = new PortalUser
        {
            UserName = "alice@example.com",
            Email = "alice@example.com",
            InboundNumber = _aliceLine,
        };
        _carol = new PortalUser { UserName = "carol@example.com", Email = "carol@example.com" };
        _db.AddRange(_fallback, _aliceLine, _spare, _voiceOnly, _alice, _carol);
        _db.Contacts.AddRange(
            Contact("a1", "Ann", _alice, previous: null),
            Contact("a2", "Abe", _alice, previous: _fallback),
            Contact("c1", "Cat", _carol, previous: _spare),
            Contact("u1", "Uma", null, previous: null),
            Contact("u2", "Udo", null, previous: _aliceLine));
        await _db.SaveChangesAsync();
        (await _db.AccountSettings.SingleAsync()).DefaultOutboundNumberId = _fallback.Id;
        await _db.SaveChangesAsync();

        TwilioNumber Number(string e164, Capabilities capabilities) =>
            new() { E164 = e164, Capabilities = capabilities, CreatedAt = now };

        Contact Contact(string id, string name, PortalUser? user, TwilioNumber? previous) => new()
        {
            ExternalId = id,
            FirstName = name,
            AssignedUser = user,
            PreviousNumber = previous,
            CreatedAt = now,
            ImportedAt = now,
        };
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ImpactPreview Preview() => new(_db, NullLogger<ImpactPreview>.Instance);

    [Fact]
    public async Task Changing_a_users_inbound_number_moves_exactly_that_users_contacts()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.SetInbound(_alice.Id, _spare.Id));

        Assert.Equal(2, report.ContactsConsidered);
        Assert.Equal(2, report.SmsChanged);
        Assert.Equal(2, report.VoiceChanged);
        var sms = Assert.Single(report.Moves, m => m.Channel == Channel.Sms);
        Assert.Equal(("+12025550101", "+12025550102", 2), (sms.From, sms.To, sms.Contacts));
        Assert.Contains(report.FirstRows, r => r is { Name: "Ann", RuleBefore: RuleId.AssignedUserInbound });
    }

    [Fact]
    public async Task Clearing_a_users_inbound_number_lets_a_contacted_contact_keep_its_previous_number()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.SetInbound(_alice.Id, null));

        var ann = Assert.Single(report.FirstRows, r => r.Name == "Ann" && r.Channel == Channel.Sms);
        Assert.Equal(("+12025550100", RuleId.AssignedUserDefault), (ann.To, ann.RuleAfter));
        var abe = Assert.Single(report.FirstRows, r => r.Name == "Abe" && r.Channel == Channel.Sms);
        Assert.Equal(("+12025550100", RuleId.PreviousNumber), (abe.To, abe.RuleAfter));
    }

    [Fact]
    public async Task A_voice_only_inbound_number_changes_voice_but_not_sms()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.SetInbound(_carol.Id, _voiceOnly.Id));

        Assert.Equal(0, report.SmsChanged);
        Assert.Equal(1, report.VoiceChanged);
        var move = Assert.Single(report.Moves);
        Assert.Equal((Channel.Voice, "+12025550102", "+12025550103"), (move.Channel, move.From, move.To));
    }

    [Fact]
    public async Task A_new_default_moves_only_contacts_that_have_no_inbound_or_previous_number()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.SetDefault(_spare.Id));

        Assert.Equal(5, report.ContactsConsidered);
        Assert.Equal(1, report.SmsChanged);
        Assert.Equal("Uma", Assert.Single(report.FirstRows, r => r.Channel == Channel.Sms).Name);
    }

    [Fact]
    public async Task Releasing_a_users_inbound_number_sends_its_contacts_down_the_rules()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.ReleaseNumber(_aliceLine.Id));

        Assert.Equal(3, report.SmsChanged);
        var udo = Assert.Single(report.FirstRows, r => r.Name == "Udo" && r.Channel == Channel.Sms);
        Assert.Equal(("+12025550100", RuleId.UnassignedDefault), (udo.To, udo.RuleAfter));
    }

    [Fact]
    public async Task Deactivating_a_user_and_moving_their_contacts_previews_the_new_users_number()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.DeactivateUser(_carol.Id, _alice.Id));

        var cat = Assert.Single(report.FirstRows, r => r.Name == "Cat" && r.Channel == Channel.Sms);
        Assert.Equal(("+12025550102", "+12025550101", RuleId.AssignedUserInbound), (cat.From, cat.To, cat.RuleAfter));
    }

    [Fact]
    public async Task A_change_that_moves_nothing_says_so()
    {
        var report = await Preview().PreviewAsync(new ConfigChange.SetInbound(_alice.Id, _aliceLine.Id));

        Assert.True(report.ChangesNothing);
        Assert.Empty(report.Moves);
    }
}
