using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Features.Live;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Live;

[Collection(OwnClusterCollection.Name)]
public sealed class ListenerReconnectTests : IAsyncLifetime
{
    private PostgresCluster _cluster = null!;
    private PortalFactory _first = null!;
    private PortalFactory _second = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        await using (var connection = new NpgsqlConnection(_cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create database live", connection);
            await create.ExecuteNonQueryAsync();
        }

        _first = new PortalFactory(_cluster.ConnectionString("live"));
        _second = new PortalFactory(_cluster.ConnectionString("live"));
        await Listening.WaitUntilListeningAsync(_first, _second);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task After_the_database_restarts_pages_reload_and_changes_from_other_instances_arrive_again()
    {
        using var heard = new Heard(_first);

        await _cluster.StopServerAsync();
        await _cluster.StartServerAsync();

        var reload = await heard.FirstAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(reload.Contacts);
        await Listening.WaitUntilListeningAsync(_first, _second);
        var clock = Stopwatch.StartNew();
        await _second.Services.GetRequiredService<InputChanges>()
            .PublishAsync(new InputChange(InputChangeKind.Send, [42]));
        var change = await heard.FirstAsync(TimeSpan.FromSeconds(1));
        Assert.Equal((InputChangeKind.Send, 42L), (change.Kind, change.Contacts.Single()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }
}
