using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Sends;
using Portal.Tests.TwilioApi;

namespace Portal.Tests.Sends;

public sealed class StatusCallbackTests : IClassFixture<SendingPortal>
{
    private readonly SendingPortal _portal;

    public StatusCallbackTests(SendingPortal portal)
    {
        _portal = portal;
        _portal.Twilio.Reset();
    }

    private async Task<TestSendOutcome> SentAsync(long contact)
    {
        _portal.Twilio.Accepts("queued");
        return await _portal.SendAsync(PortalRoles.Admin, contact, Channel.Sms);
    }

    private static Dictionary<string, string> Callback(string sid, string status) => new()
    {
        ["AccountSid"] = "AC" + new string('1', 32),
        ["MessageSid"] = sid,
        ["SmsSid"] = sid,
        ["MessageStatus"] = status,
        ["SmsStatus"] = status,
    };

    private static HttpRequestMessage Post(string pathAndQuery, Dictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return request;
    }

    private static string Signed(string url, Dictionary<string, string> form) =>
        TwilioSignature.Of(SendingPortal.AuthToken, url, form);

    [Fact]
    public async Task A_signed_callback_moves_the_send_forward_and_its_repeat_changes_nothing()
    {
        var contact = await _portal.AddContactAsync();
        var sent = await SentAsync(contact);
        var path = $"/twilio/status?send={sent.SendId}";
        var form = Callback(sent.Sid!, "delivered");
        var client = _portal.App.CreateClient();

        using var first = await client.SendAsync(Post(path, form, Signed(SendingPortal.PublicBaseUrl + path, form)));
        using var repeat = await client.SendAsync(Post(path, form, Signed(SendingPortal.PublicBaseUrl + path, form)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, repeat.StatusCode));
        Assert.Equal("delivered", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public async Task A_callback_without_a_signature_is_refused_and_changes_nothing()
    {
        var contact = await _portal.AddContactAsync();
        var sent = await SentAsync(contact);
        var path = $"/twilio/status?send={sent.SendId}";

        var unsigned = Post(path, Callback(sent.Sid!, "failed"), signature: null);
        using var response = await _portal.App.CreateClient().SendAsync(unsigned);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var send = Assert.Single(await _portal.SendsOfAsync(contact));
        Assert.Equal(("queued", true), (send.Status, send.Counts));
    }

    [Fact]
    public async Task A_callback_signed_for_other_parameters_or_another_url_is_refused()
    {
        var contact = await _portal.AddContactAsync();
        var sent = await SentAsync(contact);
        var path = $"/twilio/status?send={sent.SendId}";
        var form = Callback(sent.Sid!, "failed");
        var signedForDelivered = Signed(SendingPortal.PublicBaseUrl + path, Callback(sent.Sid!, "delivered"));
        var signedForOtherSend = Signed($"{SendingPortal.PublicBaseUrl}/twilio/status?send={sent.SendId + 1000}", form);
        var client = _portal.App.CreateClient();

        using var changedParameter = await client.SendAsync(Post(path, form, signedForDelivered));
        using var changedUrl = await client.SendAsync(Post(path, form, signedForOtherSend));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (changedParameter.StatusCode, changedUrl.StatusCode));
        Assert.Equal("queued", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public async Task A_failed_callback_makes_the_send_stop_counting()
    {
        var contact = await _portal.AddContactAsync();
        var sent = await SentAsync(contact);
        var path = $"/twilio/status?send={sent.SendId}";
        var form = Callback(sent.Sid!, "failed");

        using var response = await _portal.App.CreateClient()
            .SendAsync(Post(path, form, Signed(SendingPortal.PublicBaseUrl + path, form)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var send = Assert.Single(await _portal.SendsOfAsync(contact));
        Assert.Equal(("failed", false), (send.Status, send.Counts));
        Assert.Null(await _portal.PreviousNumberAsync(contact));
    }

    [Fact]
    public async Task Without_a_public_base_url_the_url_is_rebuilt_from_a_loopback_proxys_forwarded_headers()
    {
        var contact = await _portal.AddContactAsync();
        var sent = await SentAsync(contact);
        await using var app = _portal.Start(SendingPortal.Settings(publicBaseUrl: false));
        app.UseKestrel(0);
        app.StartServer();
        var port = FreePortOf(app);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var path = $"/twilio/status?send={sent.SendId}";
        var form = Callback(sent.Sid!, "sent");

        var asServed = Post(path, form, Signed($"http://127.0.0.1:{port}" + path, form));
        asServed.Headers.Add("X-Forwarded-Proto", "https");
        asServed.Headers.Add("X-Forwarded-Host", "hooks.example.com");
        using var refused = await client.SendAsync(asServed);
        var asForwarded = Post(path, form, Signed("https://hooks.example.com" + path, form));
        asForwarded.Headers.Add("X-Forwarded-Proto", "https");
        asForwarded.Headers.Add("X-Forwarded-Host", "hooks.example.com");
        using var accepted = await client.SendAsync(asForwarded);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (refused.StatusCode, accepted.StatusCode));
        Assert.Equal("sent", Assert.Single(await _portal.SendsOfAsync(contact)).Status);
    }

    [Fact]
    public void Forwarded_headers_are_believed_only_from_a_proxy_on_this_machine()
    {
        var options = _portal.App.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.All(options.KnownProxies, address => Assert.True(IPAddress.IsLoopback(address)));
        Assert.All(options.KnownIPNetworks, network => Assert.True(IPAddress.IsLoopback(network.BaseAddress)));
        Assert.NotEmpty(options.KnownProxies.Concat(options.KnownIPNetworks.Select(n => n.BaseAddress)));
    }

    private static int FreePortOf(WebApplicationFactory<Program> app)
    {
        var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var address = server.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1")).Port;
    }
}
