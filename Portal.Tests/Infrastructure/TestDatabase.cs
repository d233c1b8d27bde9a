using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Database;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test class: a copy of a template database that is migrated once per run.
/// The server is the one ./test started (PORTAL_TEST_PG) or, when the tests run on their own, a cluster of this
/// process's own.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private const string Template = "portal_template";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Lock ServerLock = new();
    private static Task<string>? _serverConnectionString;
    private static bool _templateReady;

    public string Name { get; } = "test_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await ServerAsync();
        await EnsureTemplateAsync(server);

        await TemplateLock.WaitAsync();
        try
        {
            await ExecuteAsync(server, $"create database {Name} template {Template}");
        }
        finally
        {
            TemplateLock.Release();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = await ServerAsync();
        await ExecuteAsync(server, $"drop database if exists {Name} with (force)");
    }

    /// <summary>A factory as the app registers one, for services that make a context per operation.</summary>
    public IDbContextFactory<PortalDbContext> CreateFactory() => new Factory(this);

    private sealed class Factory(TestDatabase database) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => database.CreateDbContext();
    }

    public PortalDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        options.UsePortalDatabase(ConnectionString);
        return new PortalDbContext(options.Options);
    }

    private static Task<string> ServerAsync()
    {
        lock (ServerLock)
        {
            return _serverConnectionString ??= StartServerAsync();
        }
    }

    private static async Task<string> StartServerAsync()
    {
        if (Environment.GetEnvironmentVariable("PORTAL_TEST_PG") is { Length: > 0 } given)
        {
            return new NpgsqlConnectionStringBuilder(given) { Database = "postgres" }.ConnectionString;
        }

        var cluster = await PostgresCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster.ConnectionString("postgres");
    }

    private static async Task EnsureTemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await ExecuteAsync(server, $"drop database if exists {Template} with (force)");
            await ExecuteAsync(server, $"create database {Template}");
            var options = new DbContextOptionsBuilder<PortalDbContext>();
            var template = new NpgsqlConnectionStringBuilder(server) { Database = Template }.ConnectionString;
            options.UsePortalDatabase(template);
            await using (var db = new PortalDbContext(options.Options))
            {
                await db.Database.MigrateAsync();
            }

            // A template cannot be copied while anyone is connected to it.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
