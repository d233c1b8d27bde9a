using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Database;

namespace Portal.Features.Api;

/// <summary>
/// Authenticates API requests by the key in <c>Authorization: Bearer …</c>. Failures answer with problem details,
/// never with a redirect to the login page.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> contexts, ApiKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string ScopeClaim = "api_scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeys.HashOf(header["Bearer ".Length..].Trim());
        if (!cache.TryGet(hash, out var caller))
        {
            // A context only when the cache misses: most requests never touch the database here.
            await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
            var key = await db.ApiKeys.AsNoTracking()
                .SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, Context.RequestAborted);
            if (key is null)
            {
                return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
            }

            caller = new ApiCaller(key.Id, key.Name, key.Prefix, key.Scope);
            cache.Remember(hash, caller);
        }

        Context.Items[typeof(ApiCaller)] = caller;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"api-key {caller.Prefix}… ({caller.Name})"),
                new Claim(ScopeClaim, caller.Scope),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        ApiLog.RequestRefused(Logger, failure ?? "no API key");
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required",
            failure ?? "Send an API key as 'Authorization: Bearer <key>'. Admins create keys on the API keys page.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        ApiLog.RequestRefused(Logger, "read-only key tried to write");
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "This API key may only read",
            "Recording sends needs a key with the write scope; ask an admin for one.");
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
    }
}
