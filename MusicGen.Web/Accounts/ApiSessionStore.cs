using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace MusicGen.Web.Accounts;

/// <summary>
/// API tokens per sign-in, keyed by the session id in the auth cookie. Backed by <see cref="IDistributedCache"/>:
/// Redis when <c>ConnectionStrings:cache</c> is set (replicas share sessions), else this process's memory.
/// </summary>
public sealed class ApiSessionStore(IDistributedCache cache)
{
    public async Task<ApiSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(Key(sessionId), cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<ApiSession>(bytes);
    }

    public Task SetAsync(string sessionId, ApiSession session, CancellationToken cancellationToken) =>
        cache.SetAsync(Key(sessionId), JsonSerializer.SerializeToUtf8Bytes(session), new DistributedCacheEntryOptions { AbsoluteExpiration = session.RefreshTokenExpiresAt }, cancellationToken);

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken) => cache.RemoveAsync(Key(sessionId), cancellationToken);

    private static string Key(string sessionId) => $"musicgen:web:session:{sessionId}";
}
