using Microsoft.EntityFrameworkCore;
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
}
