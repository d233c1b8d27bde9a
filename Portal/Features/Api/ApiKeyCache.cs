using System.Collections.Concurrent;

namespace Portal.Features.Api;

/// <summary>An API key as a request sees it once it is known to be valid.</summary>
public sealed record ApiCaller(long KeyId, string Name, string Prefix, string Scope);

/// <summary>
/// Remembers valid keys for a few seconds, so a busy pipeline does not cost one key look-up per request.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    // Limitation: another portal instance keeps accepting a revoked key for up to this long after the revocation.
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiCaller Caller, DateTimeOffset Until)> _valid = new();

    public bool TryGet(string hash, out ApiCaller caller)
    {
        if (_valid.TryGetValue(hash, out var entry) && entry.Until > clock.GetUtcNow())
        {
            caller = entry.Caller;
            return true;
        }

        caller = null!;
        return false;
    }

    public void Remember(string hash, ApiCaller caller) => _valid[hash] = (caller, clock.GetUtcNow() + Lifetime);

    public void Forget(string hash) => _valid.TryRemove(hash, out _);
}
