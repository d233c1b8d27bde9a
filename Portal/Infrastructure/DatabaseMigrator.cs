using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Database;

namespace Portal.Infrastructure;

/// <summary>Applies pending migrations one by one, logging each, so an operator sees what changed.</summary>
public sealed class DatabaseMigrator(PortalDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
            PortalLog.DatabaseCreated(logger, db.Database.GetDbConnection().Database);
        }

        // Asking EF for pending migrations of a new database logs a failed query on the missing history table.
        var history = db.GetService<IHistoryRepository>();
        var applied = await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet()
            : [];
        var all = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();

        foreach (var migration in all.Where(m => !applied.Contains(m)))
        {
            await migrator.MigrateAsync(migration, cancellationToken);
            PortalLog.MigrationApplied(logger, migration);
        }

        PortalLog.DatabaseUpToDate(logger, all.Count);
    }
}
