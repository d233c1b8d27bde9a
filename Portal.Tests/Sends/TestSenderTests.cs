using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Sends;

namespace Portal.Tests.Sends;

public sealed class TestSenderTests : IClassFixture<SendingPortal>
{
    private readonly SendingPortal _portal;

    public TestSenderTests(SendingPortal portal)
    {
        _portal = portal;
        _portal.Twilio.Reset();
    }

    [Fact]
    public async Task A_test_sms_goes_out_from_the_number_the_rules_choose_and_is_recorded_with_rule_and_trace()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Sent, outcome.Result);
        Assert.False(outcome.Demo);
        var request = Assert.Single(_portal.Twilio.Requests);
        Assert.Equal("/2010-04-01/Accounts/AC" + new string('1', 32) + "/Messages.json", request.Path);
        Assert.Equal(SendingPortal.Default, request.Form["From"]);
        var phone = await _portal.PhoneOfAsync(contact);
        Assert.Equal(phone, request.Form["To"]);
        var send = Assert.Single(await _portal.SendsOfAsync(contact));
        Assert.Equal($"{SendingPortal.PublicBaseUrl}/twilio/status?send={send.Id}", request.Form["StatusCallback"]);
        Assert.Equal((outcome.Sid, "queued", true), (send.Sid, send.Status, send.Counts));
        Assert.Equal((SendingPortal.Default, "unassigned-default", "portal", "sms", phone),
            (send.FromNumber!.E164, send.Rule, send.Source, send.Channel, send.To));
        using var trace = JsonDocument.Parse(send.Trace!);
        Assert.Equal("unassigned-default", trace.RootElement.EnumerateArray().Last().GetProperty("rule").GetString());
        Assert.Equal(SendingPortal.Default, await _portal.PreviousNumberAsync(contact));
    }

    [Fact]
    public async Task A_test_call_says_its_text_in_TwiML_and_asks_for_every_call_status()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Voice);

        Assert.Equal(TestSendResult.Sent, outcome.Result);
        var request = Assert.Single(_portal.Twilio.Requests);
        Assert.EndsWith("/Calls.json", request.Path);
        Assert.Equal("<Response><Say>This is a test call from the Outbound Number Portal.</Say></Response>",
            request.Form["Twiml"]);
        Assert.StartsWith(SendingPortal.PublicBaseUrl + "/twilio/status?send=", request.Form["StatusCallback"]);
        Assert.Equal("voice", Assert.Single(await _portal.SendsOfAsync(contact)).Channel);
    }

    [Fact]
    public async Task A_test_mms_carries_the_configured_picture()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");

        await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Mms);

        Assert.Equal("https://demo.twilio.com/owl.png", Assert.Single(_portal.Twilio.Requests).Form["MediaUrl"]);
    }

    [Theory]
    [InlineData(400, 21211, "Twilio says Ann Lee's phone number is not a valid phone number (error 21211)")]
    [InlineData(400, 21606, "Twilio says +12025550100 cannot send text messages (error 21606)")]
    [InlineData(400, 21610, "Ann Lee has unsubscribed from +12025550100 by replying STOP (error 21610)")]
    [InlineData(401, 20003, "Twilio refused the account's credentials (error 20003)")]
    [InlineData(400, 21612, "Twilio refused the test message with error 21612: The 'To' phone number is not "
                            + "currently reachable (see https://www.twilio.com/docs/errors/21612)")]
    public async Task Each_error_admins_meet_becomes_its_message_and_nothing_is_recorded(
        int httpStatus, int code, string expected)
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Fails(httpStatus, code, "The 'To' phone number is not currently reachable");

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Refused, outcome.Result);
        Assert.StartsWith(expected, outcome.Message);
        Assert.EndsWith("Nothing was sent.", outcome.Message);
        Assert.Equal(1, _portal.Twilio.Count(HttpMethod.Post));
        Assert.Empty(await _portal.SendsOfAsync(contact));
        Assert.Null(await _portal.PreviousNumberAsync(contact));
    }

    [Fact]
    public async Task Too_many_requests_is_retried_three_times_and_then_becomes_its_message_with_nothing_recorded()
    {
        var contact = await _portal.AddContactAsync();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            _portal.Twilio.Fails(429, 20429, "Too Many Requests", retryAfterSeconds: "0");
        }

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Refused, outcome.Result);
        Assert.StartsWith("Twilio is receiving too many requests from this account (error 20429)", outcome.Message);
        Assert.Equal(4, _portal.Twilio.Count(HttpMethod.Post));
        Assert.Empty(await _portal.SendsOfAsync(contact));
    }

    [Fact]
    public async Task A_send_refused_with_429_once_goes_out_on_the_retry()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Fails(429, 20429, "Too Many Requests", retryAfterSeconds: "0").Accepts();

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Sent, outcome.Result);
        Assert.Equal(2, _portal.Twilio.Count(HttpMethod.Post));
        Assert.Single(await _portal.SendsOfAsync(contact));
    }

    [Fact]
    public async Task A_send_answered_with_a_5xx_is_not_retried_and_is_recorded_as_unknown_not_counting()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Fails(503, 20503, "Service Unavailable").Accepts();

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Unknown, outcome.Result);
        Assert.Contains("\"unknown: check Twilio\"", outcome.Message);
        Assert.Equal(1, _portal.Twilio.Count(HttpMethod.Post));
        var send = Assert.Single(await _portal.SendsOfAsync(contact));
        Assert.Equal(("unknown", false, null), (send.Status, send.Counts, send.Sid));
        Assert.Null(await _portal.PreviousNumberAsync(contact));
    }

    [Fact]
    public async Task A_send_that_timed_out_is_not_retried_and_is_recorded_as_unknown()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Hangs().Accepts();

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Unknown, outcome.Result);
        Assert.Equal(1, _portal.Twilio.Count(HttpMethod.Post));
        Assert.Equal("unknown", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public async Task A_send_whose_connection_failed_before_it_went_out_is_retried()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Throws(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Accepts();

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Sent, outcome.Result);
        Assert.Equal(2, _portal.Twilio.Count(HttpMethod.Post));
        Assert.Equal("queued", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public async Task A_send_that_never_reached_Twilio_says_so_and_records_nothing()
    {
        var contact = await _portal.AddContactAsync();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            _portal.Twilio.Throws(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        }

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Refused, outcome.Result);
        Assert.StartsWith("Twilio could not be reached, so nothing was sent.", outcome.Message);
        Assert.Empty(await _portal.SendsOfAsync(contact));
    }

    [Fact]
    public async Task A_send_the_response_of_which_was_cut_off_is_not_retried_and_is_unknown()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Throws(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended"))
            .Accepts();

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal(TestSendResult.Unknown, outcome.Result);
        Assert.Equal(1, _portal.Twilio.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task When_no_number_can_carry_the_channel_the_send_is_refused_saying_what_to_configure()
    {
        var contact = await _portal.AddContactAsync();
        await using (var db = _portal.Database.CreateDbContext())
        {
            var fallback = db.Numbers.Single(n => n.E164 == SendingPortal.SmsOnly);
            db.AccountSettings.Single().DefaultOutboundNumberId = fallback.Id;
            await db.SaveChangesAsync();
        }

        TestSendOutcome outcome;
        try
        {
            outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Voice);
        }
        finally
        {
            await using var db = _portal.Database.CreateDbContext();
            db.AccountSettings.Single().DefaultOutboundNumberId =
                db.Numbers.Single(n => n.E164 == SendingPortal.Default).Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal(TestSendResult.Refused, outcome.Result);
        Assert.Equal("No number can make calls to Ann Lee (+12025550101 cannot make calls): set a default outbound "
                     + "number that can make calls on the Settings page.", outcome.Message);
        Assert.Empty(_portal.Twilio.Requests);
        Assert.Empty(await _portal.SendsOfAsync(contact));
    }

    [Fact]
    public async Task A_contact_without_a_phone_is_refused_before_Twilio_is_asked()
    {
        var contact = await _portal.AddContactAsync(withPhone: false, firstName: "Bo");

        var outcome = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal("Bo Lee has no phone number: add one in the CRM and import the contacts again.", outcome.Message);
        Assert.Empty(_portal.Twilio.Requests);
    }

    [Theory]
    [InlineData(PortalRoles.Support)]
    [InlineData(PortalRoles.Agent)]
    public async Task Only_an_admin_may_send(string role)
    {
        var contact = await _portal.AddContactAsync();

        var outcome = await _portal.SendAsync(role, contact, Channel.Sms);

        Assert.Equal((TestSendResult.Refused, TestSender.NotAnAdmin), (outcome.Result, outcome.Message));
        Assert.Empty(_portal.Twilio.Requests);
        Assert.Empty(await _portal.SendsOfAsync(contact));
    }

    [Fact]
    public async Task Without_credentials_the_send_goes_to_the_demo_Twilio_and_says_so()
    {
        var contact = await _portal.AddContactAsync();
        await using var demo = new Infrastructure.PortalFactory(_portal.Database.ConnectionString);

        var outcome = await SendingPortal.SendAsync(demo, PortalRoles.Admin, contact, Channel.Sms);

        Assert.Equal((TestSendResult.Sent, true), (outcome.Result, outcome.Demo));
        Assert.StartsWith("Demo send: nothing left the portal.", outcome.Message);
        Assert.StartsWith("SM", Assert.Single(await _portal.SendsOfAsync(contact)).Sid);
        Assert.Empty(_portal.Twilio.Requests);
    }

    [Fact]
    public async Task A_look_up_is_retried_on_5xx_and_429_and_moves_the_send_forward()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");
        var sent = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);
        _portal.Twilio.Fails(503, 20503, "Service Unavailable")
            .Fails(429, 20429, "Too Many Requests", retryAfterSeconds: "0")
            .Reports(sent.Sid!, "delivered");

        var answer = await CheckAsync(sent.SendId!.Value);

        Assert.Equal($"Twilio reports {sent.Sid} as delivered; the send is updated.", answer);
        Assert.Equal(3, _portal.Twilio.Count(HttpMethod.Get));
        Assert.Equal("delivered", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public async Task A_look_up_gives_up_after_three_retries_and_changes_nothing()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");
        var sent = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            _portal.Twilio.Fails(500, 20500, "Internal Server Error");
        }

        var answer = await CheckAsync(sent.SendId!.Value);

        Assert.Equal($"Twilio could not look up {sent.Sid}: error 20500, Internal Server Error.", answer);
        Assert.Equal(4, _portal.Twilio.Count(HttpMethod.Get));
        Assert.Equal("queued", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public async Task An_unknown_send_without_a_SID_cannot_be_looked_up_and_says_how_it_settles()
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Fails(502, 20502, "Bad Gateway");
        var unknown = await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);

        var answer = await CheckAsync(unknown.SendId!.Value);

        Assert.StartsWith("Twilio gave no SID for this send, so it cannot be looked up", answer);
        Assert.Equal(0, _portal.Twilio.Count(HttpMethod.Get));
    }

    private async Task<string> CheckAsync(long sendId)
    {
        await using var scope = _portal.App.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<TestSender>();
        return await sender.CheckTwilioAsync(SendingPortal.As(PortalRoles.Admin), sendId);
    }
}
