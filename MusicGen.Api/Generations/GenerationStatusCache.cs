using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;
using MusicGen.Redis;

namespace MusicGen.Api.Generations;

/// <summary>
/// Generation reads cached in Redis (<c>mg:status:{id}</c>), so clients polling every few seconds
/// cost the database one read per generation per change at most. Whoever changes a generation drops
/// its entry and moves its version on (<see cref="GenerationEvents.InvalidateStatus"/>: the API on
/// cancel/retry/delete, the Worker on every stage or percent change). A miss notes the version, reads the
/// database, and stores what it read only if the version has not moved meanwhile, so a read that raced a
/// change never caches the older state. <see cref="ActiveTtl"/> only bounds the staleness should an
/// invalidation be lost. Redis trouble never fails a read: the database answers instead.
/// </summary>
public sealed partial class GenerationStatusCache(RedisClient redis, ILogger<GenerationStatusCache> logger)
{
    public static readonly TimeSpan ActiveTtl = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FinishedTtl = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    private const int OwnerPrefixLength = 32;

    public static string Key(Guid id) => GenerationEvents.StatusCacheKey(id);

    // Stores the entry only while the version is the one the reader saw before it read the database.
    private static readonly RedisScript SetIfUnchanged = new("""
        if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """);

    /// <summary>The cached response, for callers that need the object.</summary>
    public async Task<GenerationResponse?> GetAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        (await ReadAsync(id, userId, cancellationToken)).Json is { } json ? JsonSerializer.Deserialize<GenerationResponse>(json.Span, JsonSerializerOptions.Web) : null;

    /// <summary>
    /// The cached response as the JSON the API sends (web casing), or a miss (on no entry, another user's
    /// entry, or Redis unavailable) with the version to hand to <see cref="SetAsync"/>. The hot read path
    /// writes the bytes as they are: no deserializing and serializing again on every poll.
    /// </summary>
    public async Task<StatusCacheRead> ReadAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await redis.ExecuteAsync(Timeout, cancellationToken, "MGET", Key(id), GenerationEvents.StatusVersionKey(id));
            var entry = reply.Items[0];
            var version = reply.Items[1].IsNull ? "0" : reply.Items[1].AsString();
            if (entry.IsNull || entry.Bytes.Length <= OwnerPrefixLength)
            {
                return new(null, version);
            }

            // The entry starts with its owner's id (32 hex digits), so another user's read is a miss.
            Span<byte> owner = stackalloc byte[OwnerPrefixLength];
            if (!userId.TryFormat(owner, out _, "N") || !entry.Bytes.Span[..OwnerPrefixLength].SequenceEqual(owner))
            {
                return new(null, version);
            }

            return new(entry.Bytes[OwnerPrefixLength..], version);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCacheUnavailable(logger, e.Message);
            return new(null, null);
        }
    }

    /// <summary>Caches a response read from the database after <see cref="ReadAsync"/> gave <paramref name="version"/>.</summary>
    public async Task SetAsync(Guid userId, GenerationResponse generation, string? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return;
        }

        var finished = generation.Status is "Completed" or "Failed" or "Canceled";
        var ttl = (long)(finished ? FinishedTtl : ActiveTtl).TotalMilliseconds;
        var entry = userId.ToString("N") + JsonSerializer.Serialize(generation, JsonSerializerOptions.Web);
        try
        {
            await redis.EvalAsync(SetIfUnchanged, [Key(generation.Id), GenerationEvents.StatusVersionKey(generation.Id)], [version, entry, ttl], cancellationToken, Timeout);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCacheUnavailable(logger, e.Message);
        }
    }

    public async Task InvalidateAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await redis.InvalidateStatusAsync(id, Timeout, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCacheUnavailable(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status cache unavailable, using the database: {Reason}")]
    private static partial void LogCacheUnavailable(ILogger logger, string reason);
}
