using System.Net;

namespace Portal.Features.Numbers;

/// <summary>
/// Sits under the Twilio SDK: retries a request that Twilio answered with 429 or a 5xx, waiting as its Retry-After
/// header asks but never longer than the configured cap, and gives each attempt its own timeout.
/// </summary>
public sealed class TwilioRetryHandler(
    HttpMessageHandler transport, NumberSyncOptions options, TwilioExchange exchange, CancellationToken stopping)
    : DelegatingHandler(transport)
{
    private static readonly TimeSpan FallbackWait = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendOnceAsync(request, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                exchange.RecordPage();
                return response;
            }

            exchange.RecordFailure(response.StatusCode);
            if (!IsWorthRetrying(response.StatusCode) || attempt >= options.MaxRetries)
            {
                return response;
            }

            var wait = WaitBeforeRetry(response);
            response.Dispose();
            exchange.RecordRetry();
            await Task.Delay(wait, linked.Token);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        attempt.CancelAfter(options.RequestTimeout);
        try
        {
            return await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            exchange.RecordTimeout();
            throw new TimeoutException($"Twilio did not answer within {options.RequestTimeout.TotalSeconds:0.#} s.");
        }
    }

    private static bool IsWorthRetrying(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan WaitBeforeRetry(HttpResponseMessage response)
    {
        var asked = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => FallbackWait,
        };
        if (asked < TimeSpan.Zero)
        {
            asked = TimeSpan.Zero;
        }

        return asked < options.RetryWaitCap ? asked : options.RetryWaitCap;
    }
}
