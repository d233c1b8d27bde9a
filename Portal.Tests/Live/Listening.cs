using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Features.Live;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Live;

/// <summary>Helpers for tests of the live notifier across instances.</summary>
internal static class Listening
{
    /// <summary>Starts each portal and waits until its listener has issued LISTEN (seen in pg_stat_activity).</summary>
    public static async Task WaitUntilListeningAsync(params PortalFactory[] portals)
    {
        foreach (var portal in portals)
        {
            _ = portal.Services;
        }

        var configured = portals[0].Services.GetRequiredService<IConfiguration>().GetConnectionString("Portal");
        var connectionString = new NpgsqlConnectionStringBuilder(configured) { Pooling = false }.ConnectionString;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where query like 'listen portal_input_changes%' "
                + "and datname = current_database()", connection);
            if ((long)(await command.ExecuteScalarAsync())! >= portals.Length)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The portals' listeners did not start within 20 seconds.");
    }

    public static ClaimsPrincipal Principal(string id, string email, string role) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, email),
            new Claim(ClaimTypes.Role, role),
        ], "test"));
}

/// <summary>Every change one portal instance's subscribers hear, in order.</summary>
internal sealed class Heard : IDisposable
{
    private readonly Channel<InputChange> _changes = Channel.CreateUnbounded<InputChange>();
    private readonly List<InputChange> _all = [];
    private readonly IDisposable _subscription;

    public Heard(PortalFactory portal)
    {
        _subscription = portal.Services.GetRequiredService<InputChanges>().Subscribe(change =>
        {
            lock (_all)
            {
                _all.Add(change);
            }

            _changes.Writer.TryWrite(change);
            return Task.CompletedTask;
        });
    }

    public IReadOnlyList<InputChange> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async Task<InputChange> FirstAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await _changes.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose() => _subscription.Dispose();
}
