using MusicGen.Redis;

namespace MusicGen.Core.Generations;

/// <summary>
/// The Redis pub/sub channel a generation's progress goes out on. The Worker publishes a
/// <c>MusicGen.Contracts.Generations.GenerationEvent</c> as JSON (web casing) on every stage or percent
/// change and on the terminal status; the API's SSE endpoint relays them.
/// </summary>
public static class GenerationEvents
{
    /// <summary>How long a version counter outlives the generation's last change.</summary>
    private const long VersionTtlMs = 3_600_000;

    public static string Channel(Guid generationId) => $"mg:events:{generationId}";

    /// <summary>The API's cached read of a generation; whoever changes the generation invalidates it.</summary>
    public static string StatusCacheKey(Guid generationId) => $"mg:status:{generationId}";

    /// <summary>
    /// Counts the changes of a generation. A reader notes it before reading the database and caches what it
    /// read only if it has not moved since: otherwise a read that started before a change and is stored after
    /// it would stay in the cache as the newest state.
    /// </summary>
    public static string StatusVersionKey(Guid generationId) => $"mg:status-v:{generationId}";

    /// <summary>KEYS: status cache key, version key. Drops the cached read and moves the version on.</summary>
    public static RedisScript InvalidateStatus { get; } = new($"""
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], {VersionTtlMs})
        return redis.call('DEL', KEYS[1])
        """);

    public static Task InvalidateStatusAsync(this RedisClient redis, Guid generationId, TimeSpan timeout, CancellationToken cancellationToken) =>
        redis.EvalAsync(InvalidateStatus, [StatusCacheKey(generationId), StatusVersionKey(generationId)], [], cancellationToken, timeout);
}
