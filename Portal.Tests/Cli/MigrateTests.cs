using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Cli;
using Portal.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cli;

public sealed class MigrateTests(TestDatabase server) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Migrate_creates_a_missing_database_applies_every_migration_and_a_second_run_changes_nothing()
    {
        var name = "migrate_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }
            .ConnectionString;
        string[] args = [$"--ConnectionStrings:Portal={connectionString}"];

        var first = await DatabaseCommands.MigrateAsync(args, TextWriter.Null);
        var second = await DatabaseCommands.MigrateAsync(args, TextWriter.Null);

        Assert.Equal((0, 0), (first, second));
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        options.UsePortalDatabase(connectionString);
        await using var db = new PortalDbContext(options.Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1, await db.AccountSettings.CountAsync());
        await db.Database.EnsureDeletedAsync();
    }
}
