using System.Security;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Contacts;
using Portal.Features.Live;
using Portal.Infrastructure;
using Portal.Infrastructure.TwilioApi;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Portal.Features.Sends;

/// <summary>The contact, the channel and the number and rule a test send would use now.</summary>
public sealed record TestSendPreview(long ContactId, string ContactName, string? Phone, Channel Channel,
    ExplainedResolution ChosenBy);

public enum TestSendResult
{
    /// <summary>Twilio accepted the send; it is recorded and counts.</summary>
    Sent,

    /// <summary>Twilio may or may not have accepted it: recorded as unknown, not counting, until Twilio says.</summary>
    Unknown,

    /// <summary>Nothing was sent and nothing is recorded; the message says why and what to do.</summary>
    Refused,
}

public sealed record TestSendOutcome(TestSendResult Result, string Message, long? SendId = null, string? Sid = null,
    string? Status = null, bool Demo = false);

/// <summary>
/// Sends a test message or places a test call to a contact from the number the rules choose, through Twilio, and
/// records it with its rule and trace. Only admins may send.
/// </summary>
public sealed class TestSender(
    PortalDbContext db,
    SendLedger ledger,
    SendStatusUpdates statuses,
    TwilioClients twilio,
    TwilioSettings twilioSettings,
    IConfiguration configuration,
    InputChanges changes,
    ILogger<TestSender> logger)
{
    public const string NotAnAdmin = "Only an admin may send test messages and place test calls.";

    public async Task<TestSendPreview?> PreviewAsync(
        long contactId, Channel channel, CancellationToken cancellationToken = default)
    {
        var contact = await db.Contacts.Where(c => c.Id == contactId)
            .Select(c => new { c.FirstName, c.LastName, c.Phone })
            .SingleOrDefaultAsync(cancellationToken);
        var facts = await db.FactsOfAsync(contactId, cancellationToken);
        if (contact is null || facts is null)
        {
            return null;
        }

        var name = $"{contact.FirstName} {contact.LastName}".Trim();
        return new TestSendPreview(contactId, name, contact.Phone, channel, Resolver.Explain(facts.ToFacts(), channel));
    }

    public async Task<TestSendOutcome> SendAsync(
        ClaimsPrincipal user, long contactId, Channel channel, CancellationToken cancellationToken = default)
    {
        var actor = Actor.From(user);
        var channelCode = WireCodes.Of(channel);
        if (!user.IsInRole(PortalRoles.Admin))
        {
            return Refuse(actor, channelCode, contactId, NotAnAdmin);
        }

        var preview = await PreviewAsync(contactId, channel, cancellationToken);
        if (preview is null)
        {
            return Refuse(actor, channelCode, contactId, $"There is no contact {contactId}.");
        }

        if (preview.Phone is null)
        {
            return Refuse(actor, channelCode, contactId,
                $"{preview.ContactName} has no phone number: add one in the CRM and import the contacts again.");
        }

        if (preview.ChosenBy.From is not { } from)
        {
            return Refuse(actor, channelCode, contactId,
                ResolutionText.NothingToSendFrom(preview.ContactName, channel, preview.ChosenBy));
        }

        return await SendFromAsync(actor, preview, preview.Phone, from, cancellationToken);
    }

    /// <summary>
    /// Asks Twilio for a send's status now, for a send whose callbacks did not arrive (or cannot: no public URL).
    /// </summary>
    public async Task<string> CheckTwilioAsync(
        ClaimsPrincipal user, long sendId, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(PortalRoles.Admin))
        {
            return NotAnAdmin;
        }

        var send = await db.Sends.Where(s => s.Id == sendId).Select(s => new { s.Sid, s.Channel })
            .SingleOrDefaultAsync(cancellationToken);
        if (send is null)
        {
            return $"There is no send {sendId}.";
        }

        // Limitation: a send whose answer from Twilio was lost has no SID, and Twilio cannot be asked by the
        // portal's own reference; only Twilio's status callback (which carries the reference) can settle it.
        if (send.Sid is not { } sid)
        {
            return "Twilio gave no SID for this send, so it cannot be looked up; it settles when Twilio reports its "
                   + "status to the portal.";
        }

        try
        {
            var status = await FetchStatusAsync(twilio.Create(), send.Channel, sid);
            var outcome = await statuses.ApplyAsync(new StatusReport(sendId, sid, status), cancellationToken);
            return outcome == StatusReportOutcome.Changed
                ? $"Twilio reports {sid} as {status}; the send is updated."
                : $"Twilio reports {sid} as {status}; nothing to change.";
        }
        catch (ApiException error)
        {
            return $"Twilio could not look up {sid}: error {error.Code}, {error.Message}.";
        }
        catch (ApiConnectionException)
        {
            return "Twilio could not be reached; try again in a minute.";
        }
    }

    private static async Task<string> FetchStatusAsync(ITwilioRestClient client, string channel, string sid)
    {
        if (channel == WireCodes.Of(Channel.Voice))
        {
            var call = await CallResource.FetchAsync(new FetchCallOptions(sid), client);
            return call.Status?.ToString() ?? SendStatus.Unknown;
        }

        var message = await MessageResource.FetchAsync(new FetchMessageOptions(sid), client);
        return message.Status?.ToString() ?? SendStatus.Unknown;
    }

    // The send is recorded as unknown before Twilio is asked, with its id in the status callback URL: whatever happens
    // to Twilio's answer (a 5xx, a timeout, this process stopping), Twilio's callbacks can still settle it. A send
    // Twilio refused is removed again, so nothing is recorded as sent that was not.
    // Limitation: a send that never reached Twilio but could not be told apart from one that did (the process stopped
    // mid-request, or the request timed out before Twilio read it) stays "unknown" for good; it never counts.
    private async Task<TestSendOutcome> SendFromAsync(
        Actor actor, TestSendPreview preview, string to, string from, CancellationToken cancellationToken)
    {
        var channel = WireCodes.Of(preview.Channel);
        long sendId;
        try
        {
            var pending = await ledger.RecordAsync(
                new SendToRecord(preview.ContactId, from, preview.Channel, null, SendStatus.Unknown,
                    DateTimeOffset.UtcNow, "portal", preview.ChosenBy, to),
                cancellationToken);
            sendId = pending.Id;

            // Callbacks and look-ups load it afresh; this copy must not stand in for what they find.
            db.Entry(pending).State = EntityState.Detached;
        }
        catch (SendRefusedException refusal)
        {
            return Refuse(actor, channel, preview.ContactId, refusal.Message);
        }

        try
        {
            var (sid, status) = await CreateAsync(twilio.Create(), preview.Channel, to, from, sendId);
            await statuses.ApplyAsync(new StatusReport(sendId, sid, status), cancellationToken);

            SendingLog.Sent(logger, channel, preview.ContactId, SendingLog.Mask(to), from, status, sid, actor.Name);
            var demo = twilio.IsDemo ? "Demo send: nothing left the portal. " : "";
            return new TestSendOutcome(TestSendResult.Sent,
                $"{demo}Twilio accepted the test {Noun(preview.Channel)} from {from} ({sid}, {status}).",
                sendId, sid, status, twilio.IsDemo);
        }
        catch (ApiException refused) when (refused.Status is >= 400 and < 500)
        {
            await WithdrawAsync(sendId, preview.ContactId);
            SendingLog.TwilioRefused(logger, channel, preview.ContactId, SendingLog.Mask(to), from, refused.Code,
                refused.Status);
            return new TestSendOutcome(TestSendResult.Refused,
                TwilioErrors.Explain(refused, preview.ContactName, from, preview.Channel));
        }
        catch (ApiConnectionException unreached) when (unreached.InnerException is { } inner
                                                       && TwilioHttp.NeverLeftThisMachine(inner))
        {
            await WithdrawAsync(sendId, preview.ContactId);
            return Refuse(actor, channel, preview.ContactId,
                "Twilio could not be reached, so nothing was sent. Check this server's internet connection and try "
                + "again.");
        }
        catch (Exception uncertain) when (uncertain is ApiException or ApiConnectionException)
        {
            SendingLog.Unknown(logger, channel, preview.ContactId, SendingLog.Mask(to), from,
                uncertain.InnerException?.GetType().Name ?? uncertain.Message, sendId);
            return new TestSendOutcome(TestSendResult.Unknown,
                $"Twilio did not answer clearly, so the test {Noun(preview.Channel)} from {from} may or may not "
                + "have gone out. It is recorded as \"unknown: check Twilio\" and does not count until Twilio reports "
                + "its status.",
                sendId, null, SendStatus.Unknown, twilio.IsDemo);
        }
    }

    private async Task<(string Sid, string Status)> CreateAsync(
        ITwilioRestClient client, Channel channel, string to, string from, long sendId)
    {
        var settings = configuration.GetSection(SendingSettings.Section).Get<SendingSettings>()
                       ?? new SendingSettings();
        var callback = StatusCallbackUrl(sendId);

        if (channel == Channel.Voice)
        {
            var call = await CallResource.CreateAsync(
                new CreateCallOptions(new PhoneNumber(to), new PhoneNumber(from))
                {
                    Twiml = new Twiml($"<Response><Say>{SecurityElement.Escape(settings.VoiceSay)}</Say></Response>"),
                    StatusCallback = callback,
                    StatusCallbackEvent = callback is null ? null : ["initiated", "ringing", "answered", "completed"],
                },
                client);
            return (call.Sid, call.Status?.ToString() ?? "queued");
        }

        var message = await MessageResource.CreateAsync(
            new CreateMessageOptions(new PhoneNumber(to))
            {
                From = new PhoneNumber(from),
                Body = settings.SmsBody,
                MediaUrl = channel == Channel.Mms ? [new Uri(settings.MmsMediaUrl)] : null,
                StatusCallback = callback,
            },
            client);
        return (message.Sid, message.Status?.ToString() ?? "queued");
    }

    // Limitation: without Twilio:PublicBaseUrl Twilio has no address to report to, so statuses are learnt only by a
    // look-up; a send recorded as unknown then stays unknown.
    private Uri? StatusCallbackUrl(long sendId) =>
        twilioSettings.PublicBaseUrl is { Length: > 0 } baseUrl
            ? new Uri($"{baseUrl.TrimEnd('/')}{StatusCallbackEndpoint.Path}?send={sendId}")
            : null;

    private async Task WithdrawAsync(long sendId, long contactId)
    {
        // Not cancellable: a refused send must not stay behind as unknown because the page went away.
        await db.Sends.Where(s => s.Id == sendId && s.Sid == null && s.Status == SendStatus.Unknown)
            .ExecuteDeleteAsync(CancellationToken.None);
        await changes.PublishAsync(new InputChange(InputChangeKind.Send, [contactId]));
    }

    private TestSendOutcome Refuse(Actor actor, string channel, long contactId, string reason)
    {
        SendingLog.Refused(logger, channel, contactId, actor.Name, reason);
        return new TestSendOutcome(TestSendResult.Refused, reason);
    }

    private static string Noun(Channel channel) =>
        channel == Channel.Voice ? "call" : WireCodes.Of(channel).ToUpperInvariant();
}
