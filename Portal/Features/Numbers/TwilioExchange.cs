using System.Net;

namespace Portal.Features.Numbers;

/// <summary>
/// What happened on the wire during one read of the listing. The SDK's exceptions do not always carry the HTTP
/// status (a 500 with a non-JSON body arrives as status 0), so the sync classifies a failure from this record.
/// </summary>
public sealed class TwilioExchange
{
    private int _pages;
    private int _retries;

    public int Pages => _pages;

    public int Retries => _retries;

    /// <summary>The status of the last answer that was not a success, or null when every answer succeeded.</summary>
    public HttpStatusCode? LastFailure { get; private set; }

    public bool TimedOut { get; private set; }

    /// <summary>Called with the number of pages read so far, each time a page arrives.</summary>
    public Action<int>? PageRead { get; init; }

    internal void RecordPage() => PageRead?.Invoke(Interlocked.Increment(ref _pages));

    internal void RecordFailure(HttpStatusCode status) => LastFailure = status;

    internal void RecordRetry() => Interlocked.Increment(ref _retries);

    internal void RecordTimeout() => TimedOut = true;
}
