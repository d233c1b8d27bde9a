using Microsoft.EntityFrameworkCore;

namespace Portal.Database;

/// <summary>How the portal talks to PostgreSQL: one place for the provider and naming options.</summary>
public static class PortalDatabase
{
    public static DbContextOptionsBuilder UsePortalDatabase(
        this DbContextOptionsBuilder options, string connectionString)
    {
        return options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }
}
