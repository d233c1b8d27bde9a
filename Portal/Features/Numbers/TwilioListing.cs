using System.Net;
using Portal.Domain.Rules;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;

namespace Portal.Features.Numbers;

/// <summary>One number as the account's listing in Twilio shows it.</summary>
public sealed record ListedNumber(string E164, string? Sid, string? FriendlyName, Capabilities Capabilities);

/// <summary>How far a sync has read: pages and numbers so far.</summary>
public sealed record SyncProgress(int Pages, int Numbers);

/// <summary>Twilio could not be read; the message says what happened and what to do, in plain words.</summary>
public sealed class TwilioListingFailure(string message, HttpStatusCode? status, bool timedOut) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;

    public bool TimedOut { get; } = timedOut;
}

/// <summary>Reads every page of the account's IncomingPhoneNumbers with the Twilio SDK.</summary>
public sealed class TwilioListing(TwilioEndpoint endpoint, NumberSyncOptions options)
{
    public bool IsDemo => endpoint.IsDemo;

    public async Task<IReadOnlyList<ListedNumber>> ReadAsync(
        Action<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var numbers = new List<ListedNumber>();
        var exchange = new TwilioExchange
        {
            PageRead = pages => progress?.Invoke(new SyncProgress(pages, numbers.Count)),
        };
        var (client, http) = endpoint.CreateClient(options, exchange, cancellationToken);
        using (http)
        {
            try
            {
                // The SDK fetches the pages after the first one synchronously while enumerating: keep that off the
                // caller's thread (a Blazor circuit's).
                await Task.Run(async () =>
                {
                    var read = new ReadIncomingPhoneNumberOptions { PageSize = options.PageSize };
                    foreach (var number in await IncomingPhoneNumberResource.ReadAsync(read, client))
                    {
                        numbers.Add(ToListed(number));
                    }
                }, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                                              && Unwrapped(exception) is ApiException or ApiConnectionException
                                                  or TimeoutException or HttpRequestException)
            {
                throw Failure(exchange, Unwrapped(exception));
            }
        }

        progress?.Invoke(new SyncProgress(exchange.Pages, numbers.Count));
        return numbers;
    }

    private static ListedNumber ToListed(IncomingPhoneNumberResource number)
    {
        var capabilities = Capabilities.None;
        if (number.Capabilities?.Sms == true)
        {
            capabilities |= Capabilities.Sms;
        }

        if (number.Capabilities?.Mms == true)
        {
            capabilities |= Capabilities.Mms;
        }

        if (number.Capabilities?.Voice == true)
        {
            capabilities |= Capabilities.Voice;
        }

        return new ListedNumber(number.PhoneNumber?.ToString() ?? "", number.Sid, number.FriendlyName, capabilities);
    }

    private TwilioListingFailure Failure(TwilioExchange exchange, Exception exception)
    {
        const string nothingChanged = " Nothing was changed.";
        if (exchange.TimedOut)
        {
            return new TwilioListingFailure(
                $"Twilio did not answer within {options.RequestTimeout.TotalSeconds:0.#} seconds. Check this server's "
                + "connection to api.twilio.com, then sync again." + nothingChanged, null, timedOut: true);
        }

        var status = exchange.LastFailure
                     ?? (exception is ApiException { Status: > 0 } api ? (HttpStatusCode)api.Status : null);
        var code = (int?)status;
        var retries = exchange.Retries == 1 ? "1 retry" : $"{exchange.Retries} retries";
        var message = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"Twilio refused the account's credentials ({code}). Check Twilio:AccountSid and Twilio:AuthToken "
                + "(or the API key pair Twilio:ApiKeySid and Twilio:ApiKeySecret), then sync again.",
            HttpStatusCode.TooManyRequests =>
                $"Twilio is limiting requests (429 Too Many Requests) and still was after {retries}. "
                + "Wait a minute, then sync again.",
            { } failed when code >= 500 =>
                $"Twilio had a server error ({code} {failed}) and still had after {retries}. "
                + "Try again in a few minutes.",
            { } failed =>
                $"Twilio refused to list the account's numbers ({code} {failed}): {exception.Message}",
            null =>
                $"Twilio could not be reached ({Innermost(exception).Message}). Check this server's connection "
                + "to api.twilio.com, then sync again.",
        };
        return new TwilioListingFailure(message + nothingChanged, status, timedOut: false);
    }

    /// <summary>The SDK fetches later pages by reflection, which wraps what they throw.</summary>
    private static Exception Unwrapped(Exception exception) =>
        exception is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : exception;

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
