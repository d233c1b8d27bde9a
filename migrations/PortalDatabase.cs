using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Portal.Database;

/// <summary>How the portal talks to PostgreSQL: one place for the provider and naming options.</summary>
public static class PortalDatabase
{
    public static DbContextOptionsBuilder UsePortalDatabase(
        this DbContextOptionsBuilder options, string connectionString)
    {
        // PostgreSQL spends longer planning the facts query (six tables) than running it; prepared statements plan once
        // per connection. An explicit setting in the connection string wins.
        // Limitation: after a migration that changes a table's columns, running portals must be restarted, or their
        // prepared statements fail with "cached plan must not change result type".
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
            connection.AutoPrepareMinUsages = 2;
        }

        // By default a pooled connection is reset (seven statements: RESET ALL, UNLISTEN *, DISCARD TEMP, …) each time
        // it goes back to the pool, which doubled PostgreSQL's work for the API's one-query requests. The portal keeps
        // no session state on pooled connections: settings are `set local` inside a transaction, LISTEN has its own
        // unpooled connection, and there are no temporary tables or session advisory locks. Whoever adds one of those
        // must reset it, or turn this back off in the connection string.
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            connection.NoResetOnClose = true;
        }

        return options
            .UseNpgsql(connection.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// A read-only transaction for queries that hold lists of hundreds of ids (the rule and number conditions, the
    /// dashboard's grouped pass). Planned with the lists in hand, PostgreSQL hashes them; a prepared statement's
    /// generic plan would compare every row with every id. And with the default cost of a random page (4, for
    /// spinning disks) the planner would rather read all contacts and sort them than walk a sorted index checking
    /// each row against those lists: 450 ms instead of 30 ms on a million contacts, whose pages are in memory. Both
    /// settings last as long as the transaction.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginListReadAsync(
        this DbContext db, CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "set local plan_cache_mode = force_custom_plan; set local random_page_cost = 1.1; "
            + "set transaction read only", cancellationToken);
        return transaction;
    }
}
