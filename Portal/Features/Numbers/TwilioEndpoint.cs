using Portal.Infrastructure;
using Twilio.Clients;

namespace Portal.Features.Numbers;

/// <summary>
/// Where the sync reads the account's numbers: the real Twilio API with the configured credentials, or, without
/// credentials, the sample listing behind a fake transport. Either way the SDK builds the requests and parses the
/// answers. The credentials stay inside this class; nothing prints them.
/// </summary>
public sealed class TwilioEndpoint
{
    /// <summary>The account the demo listing pretends to be; the sample pages belong to it.</summary>
    public const string DemoAccountSid = "AC00000000000000000000000000000000";

    private readonly string _username;
    private readonly string _password;
    private readonly Func<HttpMessageHandler> _transport;

    public TwilioEndpoint(
        string accountSid, string username, string password, bool isDemo, Func<HttpMessageHandler> transport)
    {
        AccountSid = accountSid;
        IsDemo = isDemo;
        _username = username;
        _password = password;
        _transport = transport;
    }

    public string AccountSid { get; }

    /// <summary>True when no credentials are configured and the sample listing answers instead of Twilio.</summary>
    public bool IsDemo { get; }

    public static TwilioEndpoint From(TwilioSettings settings, IConfiguration configuration)
    {
        if (!settings.IsConfigured)
        {
            var folder = Path.Combine(Demo.SamplesFolder.Find(configuration), "twilio");
            return new TwilioEndpoint(DemoAccountSid, DemoAccountSid, "demo", isDemo: true,
                () => new SampleListingHandler(folder));
        }

        var accountSid = settings.AccountSid!;
        var useApiKey = string.IsNullOrWhiteSpace(settings.AuthToken);
        return new TwilioEndpoint(
            accountSid,
            useApiKey ? settings.ApiKeySid! : accountSid,
            useApiKey ? settings.ApiKeySecret! : settings.AuthToken!,
            isDemo: false,
            () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    }

    /// <summary>A client for one sync; dispose the returned HttpClient when the sync is over.</summary>
    public (TwilioRestClient Client, HttpClient Http) CreateClient(
        NumberSyncOptions options, TwilioExchange exchange, CancellationToken cancellationToken)
    {
        var retrying = new TwilioRetryHandler(_transport(), options, exchange, cancellationToken);

        // Each attempt has its own timeout in the retry handler; a client-wide one would also cut the waits short.
        var http = new HttpClient(retrying) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new TwilioRestClient(
            _username, _password, accountSid: AccountSid, httpClient: new Twilio.Http.SystemNetHttpClient(http));
        return (client, http);
    }

    public override string ToString() => IsDemo ? "Twilio demo listing" : $"Twilio account {AccountSid}";
}
