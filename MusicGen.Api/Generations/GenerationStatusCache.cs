using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;
using MusicGen.Redis;

namespace MusicGen.Api.Generations;

/// <summary>
/// Generation reads cached in Redis (<c>mg:status:{id}</c>), so clients polling every few seconds
/// cost the database one read per generation per change at most. Whoever changes a generation drops
/// its entry (the API on cancel/retry/delete, the Worker on every stage or percent change), so entries
/// can live long; <see cref="ActiveTtl"/> only bounds the staleness should a drop be lost. Redis trouble
/// never fails a read: the database answers instead.
/// </summary>
public sealed partial class GenerationStatusCache(RedisClient redis, ILogger<GenerationStatusCache> logger)
{
    public static readonly TimeSpan ActiveTtl = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FinishedTtl = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    private const int OwnerPrefixLength = 32;

    public static string Key(Guid id) => GenerationEvents.StatusCacheKey(id);

    /// <summary>The cached response, for callers that need the object.</summary>
    public async Task<GenerationResponse?> GetAsync(Guid id, Guid userId, CancellationToken cancellationToken) =>
        await GetJsonAsync(id, userId, cancellationToken) is { } json ? JsonSerializer.Deserialize<GenerationResponse>(json.Span, JsonSerializerOptions.Web) : null;

    /// <summary>
    /// The cached response as the JSON the API sends (web casing), or null on a miss, for another user, or
    /// when Redis is unavailable. The hot read path writes these bytes as they are: no deserializing and
    /// serializing again on every poll.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>?> GetJsonAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await redis.ExecuteAsync(Timeout, cancellationToken, "GET", Key(id));
            if (reply.IsNull || reply.Bytes.Length <= OwnerPrefixLength)
            {
                return null;
            }

            // The entry starts with its owner's id (32 hex digits), so another user's read is a miss.
            Span<byte> owner = stackalloc byte[OwnerPrefixLength];
            if (!userId.TryFormat(owner, out _, "N") || !reply.Bytes.Span[..OwnerPrefixLength].SequenceEqual(owner))
            {
                return null;
            }

            return reply.Bytes[OwnerPrefixLength..];
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCacheUnavailable(logger, e.Message);
            return null;
        }
    }

    public async Task SetAsync(Guid userId, GenerationResponse generation, CancellationToken cancellationToken)
    {
        var finished = generation.Status is "Completed" or "Failed" or "Canceled";
        var ttl = (long)(finished ? FinishedTtl : ActiveTtl).TotalMilliseconds;
        var entry = userId.ToString("N") + JsonSerializer.Serialize(generation, JsonSerializerOptions.Web);
        try
        {
            await redis.ExecuteAsync(Timeout, cancellationToken, "SET", Key(generation.Id), entry, "PX", ttl);
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
            await redis.ExecuteAsync(Timeout, cancellationToken, "DEL", Key(id));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCacheUnavailable(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status cache unavailable, using the database: {Reason}")]
    private static partial void LogCacheUnavailable(ILogger logger, string reason);
}
