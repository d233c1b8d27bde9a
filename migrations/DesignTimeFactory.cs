using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Database;

/// <summary>Lets `dotnet ef` build the context without starting the web app.</summary>
public class DesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
            ?? "Host=127.0.0.1;Port=5433;Username=postgres;Database=portal";
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        options.UsePortalDatabase(connectionString);
        return new PortalDbContext(options.Options);
    }
}
