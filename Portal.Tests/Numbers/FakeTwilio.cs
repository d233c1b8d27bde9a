using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Database.Identity;
using Portal.Domain.Rules;
using Portal.Features.Live;
using Portal.Features.Numbers;

namespace Portal.Tests.Numbers;

/// <summary>
/// Answers the Twilio SDK in place of api.twilio.com: each request gets the next scripted answer (the last one
/// repeats), and the requests are kept for the test to inspect.
/// </summary>
public sealed class FakeTwilio(params Func<HttpRequestMessage, Task<HttpResponseMessage>>[] answers)
    : HttpMessageHandler
{
    public const string AccountSid = "AC11111111111111111111111111111111";

    private int _answered;

    public List<Uri> Requests { get; } = [];

    public static Func<HttpRequestMessage, Task<HttpResponseMessage>> Status(
        HttpStatusCode status, string body = "", TimeSpan? retryAfter = null) =>
        _ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            }

            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, Task<HttpResponseMessage>> Json(string json) =>
        _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

    public static Func<HttpRequestMessage, Task<HttpResponseMessage>> Hang =>
        async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

    /// <summary>Answers with the listing split into Twilio-shaped pages, following the Page parameter.</summary>
    public static FakeTwilio Listing(IReadOnlyList<ListedNumber> numbers, int pageSize = 50) =>
        new(request =>
        {
            var page = int.TryParse(System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["Page"],
                out var asked) ? asked : 0;
            return Json(TwilioPage(numbers, page, pageSize))(request);
        });

    public static string TwilioPage(IReadOnlyList<ListedNumber> numbers, int page, int pageSize)
    {
        var basePath = $"/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json?PageSize={pageSize}";
        var records = numbers.Skip(page * pageSize).Take(pageSize).Select(n => new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["phone_number"] = n.E164,
            ["sid"] = n.Sid,
            ["friendly_name"] = n.FriendlyName,
            ["capabilities"] = new Dictionary<string, bool>
            {
                ["voice"] = n.Capabilities.HasFlag(Capabilities.Voice),
                ["sms"] = n.Capabilities.HasFlag(Capabilities.Sms),
                ["mms"] = n.Capabilities.HasFlag(Capabilities.Mms),
                ["fax"] = false,
            },
            ["status"] = "in-use",
        }).ToList();
        var hasNext = (page + 1) * pageSize < numbers.Count;
        var body = new Dictionary<string, object?>
        {
            ["page"] = page,
            ["page_size"] = pageSize,
            ["start"] = page * pageSize,
            ["end"] = page * pageSize + records.Count - 1,
            ["uri"] = $"{basePath}&Page={page}",
            ["first_page_uri"] = $"{basePath}&Page=0",
            ["next_page_uri"] = hasNext ? $"{basePath}&Page={page + 1}&PageToken=PA{page + 1}" : null,
            ["previous_page_uri"] = page > 0 ? $"{basePath}&Page={page - 1}" : null,
            ["incoming_phone_numbers"] = records,
        };
        return JsonSerializer.Serialize(body);
    }

    public static NumberSyncOptions FastOptions => new()
    {
        RetryWaitCap = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromMilliseconds(300),
        PageSize = 50,
    };

    public NumberSync SyncFor(PortalDbContext db, NumberSyncOptions? options = null) =>
        Sync(db, new TwilioEndpoint(AccountSid, AccountSid, "test-token", isDemo: false, () => this), options);

    public static NumberSync Sync(PortalDbContext db, TwilioEndpoint endpoint, NumberSyncOptions? options = null) =>
        new(db, new TwilioListing(endpoint, options ?? FastOptions),
            new InputChanges(NullLogger<InputChanges>.Instance), NullLogger<NumberSync>.Instance);

    public static ClaimsPrincipal Person(string email, string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, email), new Claim(ClaimTypes.Name, email),
                new Claim(ClaimTypes.Role, role)],
            "Test"));

    public static ClaimsPrincipal Admin => Person("ada@example.com", PortalRoles.Admin);

    public static ClaimsPrincipal Support => Person("sam@example.com", PortalRoles.Support);

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!);
        }

        var index = Math.Min(Interlocked.Increment(ref _answered) - 1, answers.Length - 1);
        return await answers[index](request).WaitAsync(cancellationToken);
    }
}
