using Twilio.Clients;
using Twilio.Http;

namespace Portal.Infrastructure.TwilioApi;

/// <summary>
/// Twilio SDK clients for the configured account, over the resilient HttpClient. Without credentials they talk to the
/// in-process demo Twilio, and <see cref="IsDemo"/> says so.
/// </summary>
public sealed class TwilioClients(IHttpClientFactory httpClients, TwilioSettings settings)
{
    public bool IsDemo => !settings.IsConfigured;

    public ITwilioRestClient Create()
    {
        var http = new SystemNetHttpClient(httpClients.CreateClient(TwilioHttp.ClientName));
        if (IsDemo)
        {
            return new TwilioRestClient(DemoTwilio.AccountSid, "demo", httpClient: http);
        }

        return string.IsNullOrWhiteSpace(settings.ApiKeySid) || string.IsNullOrWhiteSpace(settings.ApiKeySecret)
            ? new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: http)
            : new TwilioRestClient(settings.ApiKeySid, settings.ApiKeySecret, settings.AccountSid, httpClient: http);
    }
}
