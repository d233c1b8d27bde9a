using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Infrastructure;

namespace Portal.Features.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", CheckAsync).AllowAnonymous();
        return endpoints;
    }

    // A round trip, not only an open: a pooled connection can look open after the server has gone away.
    private static async Task<IResult> CheckAsync(PortalDbContext db, ILogger<PortalDbContext> logger)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await db.Database.ExecuteSqlRawAsync("select 1", timeout.Token);
            return Results.Text("ok");
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or OperationCanceledException
                                              or InvalidOperationException)
        {
            PortalLog.HealthCheckFailed(logger, exception.GetType().Name + ": " + exception.Message);
            return Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
