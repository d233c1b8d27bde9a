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

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var migrator = db.GetService<IMigrator>();

        foreach (var migration in pending)
        {
            await migrator.MigrateAsync(migration, cancellationToken);
            PortalLog.MigrationApplied(logger, migration);
        }

        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        PortalLog.DatabaseUpToDate(logger, applied.Count());
    }
}
