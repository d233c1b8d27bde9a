using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure;

namespace Portal.Features.Api;

/// <summary>
/// An API request that failed because the database did not answer gets 503 with a Retry-After, as problem details
/// that name the database and nothing of the exception: the caller's pipeline should wait and retry, not page anyone
/// about a bug.
/// </summary>
public sealed class DatabaseUnreachableProblem(
    IProblemDetailsService problems, ILogger<DatabaseUnreachableProblem> logger) : IExceptionHandler
{
    /// <summary>Long enough for a restarted PostgreSQL to accept connections; short enough not to stall.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api") || !DatabaseUnreachable.Caused(exception))
        {
            return false;
        }

        ApiLog.DatabaseUnreachable(logger, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not reachable",
                Detail = $"The portal's database did not answer. Try again in {RetryAfterSeconds} seconds; if it "
                         + "keeps failing, tell whoever runs the portal.",
            },
        });
    }
}
