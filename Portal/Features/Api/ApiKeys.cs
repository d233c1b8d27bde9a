using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Api;
using Portal.Features.Audit;
using Portal.Infrastructure;

namespace Portal.Features.Api;

/// <summary>What an API key may do: read answers, or also write (record sends).</summary>
public static class ApiScopes
{
    public const string Read = "read";

    public const string Write = "write";

    public static bool IsKnown(string scope) => scope is Read or Write;

    public static string NotAScope(string scope) => $"'{scope}' is not a scope; choose read or write.";
}

/// <summary>A key just created: the only moment its full text exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>Why an API key change was refused, in words a person can act on.</summary>
public sealed class ApiKeyRefusedException(string message) : Exception(message);

/// <summary>
/// Creates, lists and revokes the keys the CRM's pipeline uses. A key is stored as a SHA-256 hash; its text is shown
/// once, when it is created.
/// </summary>
public sealed class ApiKeys(PortalDbContext db, ApiKeyCache cache, ILogger<ApiKeys> logger)
{
    private const string KeyPrefix = "onp_";

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .ToListAsync(cancellationToken);

    public async Task<CreatedApiKey> CreateAsync(
        string name, string scope, Actor actor, bool actorIsAdmin, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actorIsAdmin, actor, "create API keys");
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new ApiKeyRefusedException("Give the key a name of 1 to 100 characters, e.g. \"CRM sender\".");
        }

        if (!ApiScopes.IsKnown(scope))
        {
            throw new ApiKeyRefusedException(ApiScopes.NotAScope(scope));
        }

        var secret = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new ApiKey
        {
            Name = name,
            Prefix = secret[..12],
            Hash = HashOf(secret),
            Scope = scope,
            CreatedAt = DateTimeOffset.UtcNow,
            CreatedBy = actor.Name,
        };
        db.ApiKeys.Add(key);
        AuditTrail.Record(db, actor, "api-key.created", $"API key {key.Prefix}… ({name})", [], null,
            $"scope {scope}");
        await db.SaveChangesAsync(cancellationToken);

        ApiLog.KeyCreated(logger, key.Prefix, scope, actor.Name);
        return new CreatedApiKey(key, secret);
    }

    public async Task RevokeAsync(
        long id, Actor actor, bool actorIsAdmin, CancellationToken cancellationToken = default)
    {
        RequireAdmin(actorIsAdmin, actor, "revoke API keys");
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
                  ?? throw new ApiKeyRefusedException("That API key no longer exists; reload the page.");
        if (key.RevokedAt is not null)
        {
            return;
        }

        key.RevokedAt = DateTimeOffset.UtcNow;
        AuditTrail.Record(db, actor, "api-key.revoked", $"API key {key.Prefix}… ({key.Name})", [], "active",
            "revoked");
        await db.SaveChangesAsync(cancellationToken);

        cache.Forget(key.Hash);
        ApiLog.KeyRevoked(logger, key.Prefix, actor.Name);
    }

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private void RequireAdmin(bool actorIsAdmin, Actor actor, string what)
    {
        if (actorIsAdmin)
        {
            return;
        }

        ApiLog.Refused(logger, actor.Name, what);
        throw new ApiKeyRefusedException($"Only an admin may {what}.");
    }
}

internal static partial class ApiLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information,
        Message = "API key {Prefix} created with scope {Scope} by {Actor}")]
    public static partial void KeyCreated(ILogger logger, string prefix, string scope, string actor);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "API key {Prefix} revoked by {Actor}")]
    public static partial void KeyRevoked(ILogger logger, string prefix, string actor);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "{Actor} was refused: may not {What}")]
    public static partial void Refused(ILogger logger, string actor, string what);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "API request refused: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning,
        Message = "API request {Path} answered 503: the database did not answer ({Reason})")]
    public static partial void DatabaseUnreachable(ILogger logger, string path, string reason);
}
