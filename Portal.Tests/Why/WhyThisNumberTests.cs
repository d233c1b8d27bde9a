using Microsoft.Extensions.Configuration;
using Portal.Database;
using Portal.Domain.Rules;
using Portal.Features.Why;
using Portal.Infrastructure;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Why;

public sealed class WhyThisNumberTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PortalDbContext _db = null!;
    private long _lucia;
    private long _hugo;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _db = _database.CreateDbContext();
        var (lucia, hugo) = await WhyFixture.SeedAsync(_db);
        (_lucia, _hugo) = (lucia.Id, hugo.Id);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ContactLookup Lookup() =>
        new(_database.CreateFactory(), new PhoneFormat(new ConfigurationBuilder().Build()));

    [Theory]
    [InlineData("(202) 555-0143")]
    [InlineData("202.555.0143")]
    [InlineData("1 202 555 0143")]
    [InlineData("+1 202-555-0143")]
    [InlineData("ct_10000")]
    [InlineData("CT_10000")]
    [InlineData("Lucia.Vega@example.net")]
    [InlineData("lucia veg")]
    public async Task A_contact_is_found_by_phone_in_any_spelling_by_id_by_email_or_by_name(string query)
    {
        var result = await Lookup().FindAsync(query);

        Assert.Equal(_lucia, Assert.Single(result.Matches).Id);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_suggests_contacts_with_the_same_last_four_digits()
    {
        var result = await Lookup().FindAsync("(303) 555-0143");

        Assert.Empty(result.Matches);
        Assert.Equal(_lucia, Assert.Single(result.Suggestions).Id);
    }

    [Fact]
    public async Task A_misspelt_name_suggests_names_that_start_alike()
    {
        var result = await Lookup().FindAsync("Hugh Halle");

        Assert.Empty(result.Matches);
        Assert.Equal(_hugo, Assert.Single(result.Suggestions).Id);
    }

    [Fact]
    public async Task The_explanation_names_the_user_the_date_and_what_the_number_can_do()
    {
        var why = await new WhyThisNumber(_database.CreateFactory()).ExplainAsync(_lucia);

        var sms = why!.Channels.Single(c => c.Channel == Channel.Sms);
        Assert.Equal(("+12025550101", RuleId.AssignedUserInbound), (sms.Resolution.From, sms.Resolution.Rule));
        Assert.Equal("Alice Ng is assigned to this contact since 3 Nov 2026 and their inbound number can send SMS.",
            sms.Plainly);
        var voice = why.Channels.Single(c => c.Channel == Channel.Voice);
        Assert.Equal(RuleId.AssignedUserDefault, voice.Resolution.Rule);
        Assert.Equal(TraceReason.LacksVoice, voice.Resolution.Trace[0].Reason);
        Assert.Contains("has no inbound number that can make calls", voice.Plainly);
    }

    [Fact]
    public async Task The_timeline_lists_the_assignment_and_the_configuration_change_that_touched_the_number()
    {
        var why = await new WhyThisNumber(_database.CreateFactory()).ExplainAsync(_lucia);

        Assert.Contains(why!.Timeline, t => t.Kind == "assignment" && t.Text.Contains("from no one to Alice Ng"));
        Assert.Contains(why.Timeline, t => t.Kind == "configuration" && t.Text.Contains("inbound-number.set"));
    }

    [Fact]
    public async Task An_unknown_contact_has_no_explanation()
    {
        Assert.Null(await new WhyThisNumber(_database.CreateFactory()).ExplainAsync(987654));
    }
}
