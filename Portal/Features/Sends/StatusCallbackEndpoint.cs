using Portal.Infrastructure;
using Twilio.Security;

namespace Portal.Features.Sends;

/// <summary>
/// Twilio's status callbacks for messages and calls. Anyone can reach the address, so a request counts only when its
/// X-Twilio-Signature proves it was signed with the account's auth token for the URL Twilio called.
/// </summary>
public static class StatusCallbackEndpoint
{
    public const string Path = "/twilio/status";

    public const string SignatureHeader = "X-Twilio-Signature";

    public static IEndpointRouteBuilder MapStatusCallbacks(this IEndpointRouteBuilder endpoints)
    {
        // No cookie and no antiforgery token: Twilio's signature is the authentication.
        endpoints.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, TwilioSettings settings, SendStatusUpdates updates, ILogger<SendStatusUpdates> logger)
    {
        var request = http.Request;
        var url = CalledUrl(request, settings.PublicBaseUrl);
        var parameters = request.HasFormContentType
            ? (await request.ReadFormAsync(http.RequestAborted)).ToDictionary(p => p.Key, p => p.Value.ToString())
            : [];

        if (Refusal(request, settings, url, parameters) is { } reason)
        {
            SendingLog.CallbackRefused(logger, reason, url);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var sid = parameters.GetValueOrDefault("MessageSid") ?? parameters.GetValueOrDefault("CallSid");
        var status = parameters.GetValueOrDefault("MessageStatus") ?? parameters.GetValueOrDefault("CallStatus")
            ?? parameters.GetValueOrDefault("SmsStatus");
        long? sendId = long.TryParse(request.Query["send"], out var id) ? id : null;
        if (status is null || (sid is null && sendId is null))
        {
            return Results.Ok();
        }

        // Twilio does not retry a callback that failed, so the answer only says whether the request was accepted.
        await updates.ApplyAsync(new StatusReport(sendId, sid, status), http.RequestAborted);
        return Results.Ok();
    }

    private static string? Refusal(
        HttpRequest request, TwilioSettings settings, string url, Dictionary<string, string> parameters)
    {
        // Limitation: with only an API key pair configured there is no auth token to check signatures with, so every
        // callback is refused; set Twilio__AuthToken as well to receive them.
        if (settings.AuthToken is not { Length: > 0 } authToken)
        {
            return "no Twilio auth token is configured to check signatures with";
        }

        if (request.Headers[SignatureHeader].ToString() is not { Length: > 0 } signature)
        {
            return $"the {SignatureHeader} header is missing";
        }

        return new RequestValidator(authToken).Validate(url, parameters, signature)
            ? null
            : $"the {SignatureHeader} header does not match the request";
    }

    /// <summary>
    /// The URL Twilio called: the configured public base URL with this request's path and query, or else the request
    /// URL as the forwarded-headers middleware rebuilt it (it believes only a proxy on this machine).
    /// </summary>
    public static string CalledUrl(HttpRequest request, string? publicBaseUrl) =>
        publicBaseUrl is { Length: > 0 }
            ? publicBaseUrl.TrimEnd('/') + request.Path + request.QueryString
            : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
}
