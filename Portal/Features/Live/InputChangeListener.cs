using System.Threading.Channels;
using Npgsql;

namespace Portal.Features.Live;

/// <summary>
/// LISTENs on the relay's channel with a connection of its own and hands other instances' changes to this
/// instance's subscribers. When the connection drops (the database restarts), it reconnects with a growing pause
/// and then tells every page to reload, since changes made meanwhile were not heard.
/// </summary>
public sealed class InputChangeListener(
    InputChanges changes, InputChangeRelay relay, IConfiguration configuration, ILogger<InputChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    private readonly Channel<InputChange> _heard = Channel.CreateUnbounded<InputChange>(
        new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivering = DeliverAsync(stoppingToken);
        var pause = FirstPause;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await ListenAsync(stoppingToken);
                if (lost)
                {
                    LiveLog.ListenerReconnected(logger);
                    _heard.Writer.TryWrite(InputChange.Broad(InputChangeKind.Users));
                }
                else
                {
                    LiveLog.ListenerStarted(logger, InputChangeRelay.Channel);
                }

                lost = false;
                pause = FirstPause;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException
                                                  or InvalidOperationException)
            {
                if (!lost)
                {
                    LiveLog.ListenerLost(logger, exception.Message);
                }

                lost = true;
                await Task.Delay(pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }

        _heard.Writer.TryComplete();
        await delivering;
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken stoppingToken)
    {
        // Its own unpooled connection: LISTEN belongs to a session, and a broken one must not go back to the pool.
        // Keepalive makes a silently vanished server show up as an error instead of an endless wait.
        var settings = new NpgsqlConnectionStringBuilder(PortalApp.ConnectionString(configuration))
        {
            Pooling = false,
            KeepAlive = 5,
        };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(stoppingToken);
            connection.Notification += (_, notification) =>
            {
                if (relay.Decode(notification.Payload) is { } change)
                {
                    _heard.Writer.TryWrite(change);
                }
            };
            await using var listen = new NpgsqlCommand($"listen {InputChangeRelay.Channel}", connection);
            await listen.ExecuteNonQueryAsync(stoppingToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Subscribers run here, one change after another, never on the connection's notification callback.
    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in _heard.Reader.ReadAllAsync(stoppingToken))
            {
                await changes.DeliverAsync(change);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
