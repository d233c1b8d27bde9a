using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Infrastructure.TwilioApi;

/// <summary>
/// An in-process stand-in for Twilio's API when no account is configured: it accepts every message and call, answers
/// in Twilio's JSON, and reports each looked-up send as delivered (messages) or completed (calls). Nothing leaves the
/// process.
/// </summary>
public sealed partial class DemoTwilio : HttpMessageHandler
{
    public const string AccountSid = "AC00000000000000000000000000000000";

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";

        if (request.Method == HttpMethod.Post && CreatePath().Match(path) is { Success: true } create)
        {
            var form = await ReadFormAsync(request, cancellationToken);
            var kind = create.Groups["kind"].Value;
            var sid = (kind == "Calls" ? "CA" : form.ContainsKey("MediaUrl") ? "MM" : "SM") + NewSidDigits();
            return Json(HttpStatusCode.Created, Resource(kind, sid, "queued", form));
        }

        if (request.Method == HttpMethod.Get && FetchPath().Match(path) is { Success: true } fetch)
        {
            var kind = fetch.Groups["kind"].Value;
            var status = kind == "Calls" ? "completed" : "delivered";
            var sid = fetch.Groups["sid"].Value;
            return Json(HttpStatusCode.OK, Resource(kind, sid, status, new Dictionary<string, string>()));
        }

        return Json(HttpStatusCode.NotFound, new Dictionary<string, object?>
        {
            ["code"] = 20404,
            ["message"] = "The requested resource " + path + " was not found",
            ["more_info"] = "https://www.twilio.com/docs/errors/20404",
            ["status"] = 404,
        });
    }

    private static Dictionary<string, object?> Resource(
        string kind, string sid, string status, IReadOnlyDictionary<string, string> form)
    {
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["status"] = status,
            ["to"] = form.GetValueOrDefault("To"),
            ["from"] = form.GetValueOrDefault("From"),
            ["body"] = form.GetValueOrDefault("Body"),
            ["direction"] = "outbound-api",
            ["date_created"] = now,
            ["date_updated"] = now,
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/{kind}/{sid}.json",
        };
    }

    private static async Task<Dictionary<string, string>> ReadFormAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        return body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => WebUtility.UrlDecode(pair[0]))
            .ToDictionary(group => group.Key, group => WebUtility.UrlDecode(group.First().ElementAtOrDefault(1) ?? ""));
    }

    private static HttpResponseMessage Json(HttpStatusCode status, Dictionary<string, object?> body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), null, "application/json") };

    private static string NewSidDigits() => Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"^/2010-04-01/Accounts/[^/]+/(?<kind>Messages|Calls)\.json$")]
    private static partial Regex CreatePath();

    [GeneratedRegex(@"^/2010-04-01/Accounts/[^/]+/(?<kind>Messages|Calls)/(?<sid>[A-Za-z0-9]+)\.json$")]
    private static partial Regex FetchPath();
}
