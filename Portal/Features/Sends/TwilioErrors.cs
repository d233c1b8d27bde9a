using Portal.Domain.Rules;
using Twilio.Exceptions;

namespace Portal.Features.Sends;

/// <summary>Twilio's error codes that admins meet, as sentences that say what to do.</summary>
public static class TwilioErrors
{
    private const string NothingSent = " Nothing was sent.";

    public static string Explain(ApiException error, string contactName, string from, Channel channel) =>
        error.Code switch
        {
            21211 => $"Twilio says {contactName}'s phone number is not a valid phone number (error 21211): "
                     + "correct it in the CRM and import the contacts again." + NothingSent,
            21606 => $"Twilio says {from} cannot send text messages (error 21606): check the number's "
                     + "capabilities in Twilio and sync the numbers again." + NothingSent,
            21610 => $"{contactName} has unsubscribed from {from} by replying STOP (error 21610): Twilio sends "
                     + "nothing to them until they reply START." + NothingSent,
            20003 => "Twilio refused the account's credentials (error 20003): check Twilio__AccountSid and "
                     + "Twilio__AuthToken (or the API key pair) on the server." + NothingSent,
            20429 => "Twilio is receiving too many requests from this account (error 20429): wait a minute and "
                     + "try again." + NothingSent,
            _ => Other(error, channel),
        };

    private static string Other(ApiException error, Channel channel)
    {
        var what = channel == Channel.Voice ? "call" : "message";
        var more = error.MoreInfo is { Length: > 0 } link ? $" (see {link})" : "";
        return $"Twilio refused the test {what} with error {error.Code}: {error.Message}{more}." + NothingSent;
    }
}
