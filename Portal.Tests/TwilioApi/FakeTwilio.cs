using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Portal.Tests.TwilioApi;

/// <summary>
/// Twilio's API as the SDK sees it, in-process: each request takes the next scripted answer (Twilio's JSON for a
/// created message or call, Twilio's error JSON, a thrown exception, or a hang), and every request is kept.
/// </summary>
public sealed class FakeTwilio : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage>>>
        _answers = new();

    public ConcurrentQueue<(HttpMethod Method, string Path, Dictionary<string, string> Form)> Requests { get; } = new();

    public int Count(HttpMethod method) => Requests.Count(r => r.Method == method);

    public void Reset()
    {
        _answers.Clear();
        Requests.Clear();
    }

    public FakeTwilio Accepts(string status = "queued")
    {
        _answers.Enqueue((request, body, _) =>
        {
            var form = Form(body);
            var path = request.RequestUri!.AbsolutePath;
            var prefix = path.EndsWith("/Calls.json", StringComparison.Ordinal) ? "CA" : "SM";
            return Task.FromResult(Json(HttpStatusCode.Created, new Dictionary<string, object?>
            {
                ["sid"] = prefix + Guid.NewGuid().ToString("N"),
                ["status"] = status,
                ["to"] = form.GetValueOrDefault("To"),
                ["from"] = form.GetValueOrDefault("From"),
                ["date_created"] = "Fri, 04 Dec 2026 16:00:00 +0000",
            }));
        });
        return this;
    }

    public FakeTwilio Reports(string sid, string status)
    {
        _answers.Enqueue((_, _, _) => Task.FromResult(Json(HttpStatusCode.OK,
            new Dictionary<string, object?> { ["sid"] = sid, ["status"] = status })));
        return this;
    }

    public FakeTwilio Fails(int httpStatus, int code, string message, string? retryAfterSeconds = null)
    {
        _answers.Enqueue((_, _, _) =>
        {
            var response = Json((HttpStatusCode)httpStatus, new Dictionary<string, object?>
            {
                ["code"] = code,
                ["message"] = message,
                ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
                ["status"] = httpStatus,
            });
            if (retryAfterSeconds is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfterSeconds);
            }

            return Task.FromResult(response);
        });
        return this;
    }

    public FakeTwilio Throws(Exception exception)
    {
        _answers.Enqueue((_, _, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers, as a Twilio that took the request and went quiet.</summary>
    public FakeTwilio Hangs()
    {
        _answers.Enqueue(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath, Form(body)));
        if (!_answers.TryDequeue(out var answer))
        {
            throw new InvalidOperationException(
                $"The test scripted no answer for {request.Method} {request.RequestUri}");
        }

        return await answer(request, body, cancellationToken);
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => WebUtility.UrlDecode(pair[0]))
            .ToDictionary(g => g.Key, g => WebUtility.UrlDecode(g.First().ElementAtOrDefault(1) ?? ""));

    private static HttpResponseMessage Json(HttpStatusCode status, Dictionary<string, object?> body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), null, "application/json") };
}
