namespace Portal.Features.Live;

/// <summary>What kind of input of the rules changed.</summary>
public enum InputChangeKind
{
    InboundNumber,
    DefaultOutbound,
    NumberStatus,
    Assignment,
    Send,
    Users,
}

/// <summary>
/// An input of the rules changed. Contacts lists the contact ids affected when they are known (an assignment, a
/// send); empty means "possibly many", and pages showing effective numbers reload.
/// </summary>
public sealed record InputChange(InputChangeKind Kind, IReadOnlyList<long> Contacts)
{
    public static InputChange Broad(InputChangeKind kind) => new(kind, []);
}

/// <summary>
/// The one notifier for "an input changed". Services publish after their transaction commits; components subscribe
/// and dispose the subscription with themselves, re-rendering through InvokeAsync. With a relay, a change is also
/// sent to the other portal instances, whose listener delivers it to their own subscribers.
/// </summary>
public sealed class InputChanges(ILogger<InputChanges> logger, InputChangeRelay? relay = null)
{
    private readonly Lock _lock = new();
    private List<Func<InputChange, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<InputChange, Task> onChange)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers, onChange];
        }

        return new Subscription(this, onChange);
    }

    /// <summary>Tells this instance's subscribers, then the other instances. Called after the commit.</summary>
    public async Task PublishAsync(InputChange change)
    {
        await DeliverAsync(change);
        if (relay is not null)
        {
            await relay.SendAsync(change);
        }
    }

    /// <summary>Tells this instance's subscribers only: for changes that another instance published.</summary>
    public async Task DeliverAsync(InputChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One broken page must not stop the others from hearing about the change.
                LiveLog.SubscriberFailed(logger, change.Kind, exception);
            }
        }
    }

    private void Unsubscribe(Func<InputChange, Task> onChange)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Where(s => s != onChange).ToList();
        }
    }

    private sealed class Subscription(InputChanges owner, Func<InputChange, Task> onChange) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChange);
    }
}

internal static partial class LiveLog
{
    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Listening for input changes on {Channel}")]
    public static partial void ListenerStarted(ILogger logger, string channel);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning,
        Message = "Lost the database connection that listens for other instances' changes: {Reason}; reconnecting")]
    public static partial void ListenerLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information,
        Message = "Listening for input changes again; open pages reload")]
    public static partial void ListenerReconnected(ILogger logger);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning,
        Message = "A {Kind} change was not sent to the other instances: {Reason}")]
    public static partial void RelayFailed(ILogger logger, InputChangeKind kind, string reason);

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "A page failed to handle a {Kind} change")]
    public static partial void SubscriberFailed(ILogger logger, InputChangeKind kind, Exception exception);
}
