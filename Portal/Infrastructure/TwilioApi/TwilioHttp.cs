using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Portal.Infrastructure.TwilioApi;

/// <summary>How calls to Twilio's API are retried and timed out (section <c>Twilio:Http</c>).</summary>
public sealed class TwilioHttpSettings
{
    public const string Section = "Twilio:Http";

    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest wait a Retry-After header may ask for; longer requests are cut to this.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 5;

    /// <summary>The first wait between attempts when Twilio names none; it doubles with each retry.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    public double AttemptTimeoutSeconds { get; set; } = 10;

    public double TotalTimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// The HttpClient every Twilio SDK call goes through, with the standard resilience pipeline. Reads are retried on 429,
/// 5xx, timeouts and connection failures; a send (any other method) only when it cannot have reached Twilio.
/// </summary>
public static class TwilioHttp
{
    public const string ClientName = "twilio";

    public static IServiceCollection AddTwilioHttp(this IServiceCollection services)
    {
        services
            .AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                provider.GetRequiredService<TwilioSettings>().IsConfigured
                    ? new SocketsHttpHandler()
                    : new DemoTwilio())
            .AddStandardResilienceHandler()
            .Configure((options, provider) => Configure(options, SettingsFrom(provider)));
        services.AddScoped<TwilioClients>();
        return services;
    }

    private static TwilioHttpSettings SettingsFrom(IServiceProvider provider) =>
        provider.GetRequiredService<IConfiguration>().GetSection(TwilioHttpSettings.Section).Get<TwilioHttpSettings>()
        ?? new TwilioHttpSettings();

    private static void Configure(HttpStandardResilienceOptions options, TwilioHttpSettings settings)
    {
        var attempt = TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds);
        var total = TimeSpan.FromSeconds(Math.Max(settings.TotalTimeoutSeconds, settings.AttemptTimeoutSeconds));
        var cap = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);

        options.AttemptTimeout.Timeout = attempt;
        options.TotalRequestTimeout.Timeout = total;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks,
            2 * attempt.Ticks));

        options.Retry.MaxRetryAttempts = settings.MaxRetries;
        options.Retry.Delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.ShouldRetryAfterHeader = false;
        options.Retry.DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, cap));
        options.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context));
    }

    /// <summary>
    /// Whether to try again. A send that got a 5xx or timed out may have been accepted, so only a 429 (Twilio refused
    /// it) or a failure before the request left this machine is safe to repeat.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var method = context.GetRequestMessage()?.Method ?? outcome.Result?.RequestMessage?.Method;
        var isRead = method == HttpMethod.Get || method == HttpMethod.Head;

        if (outcome.Result is { } response)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests
                   || (isRead && (int)response.StatusCode >= 500);
        }

        return outcome.Exception switch
        {
            null => false,
            var exception when NeverLeftThisMachine(exception) => true,
            HttpRequestException or TimeoutRejectedException => isRead,
            _ => false,
        };
    }

    /// <summary>True when the request failed before any of it could have reached Twilio.</summary>
    public static bool NeverLeftThisMachine(Exception exception) => exception switch
    {
        HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
        } => true,
        BrokenCircuitException or RateLimiterRejectedException => true,
        _ => false,
    };

    // Twilio's Retry-After is honoured up to the cap; without one the pipeline's own backoff applies.
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } asked)
        {
            return null;
        }

        return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > cap ? cap : asked;
    }
}
