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

    public static string Key(Guid id) => GenerationEvents.StatusCacheKey(id);

    public async Task<GenerationResponse?> GetAsync(Guid id, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await redis.ExecuteAsync(Timeout, cancellationToken, "GET", Key(id));
            var entry = reply.IsNull ? null : JsonSerializer.Deserialize<Entry>(reply.AsString()!, JsonSerializerOptions.Web);
            return entry?.UserId == userId ? entry.Generation : null;
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
        try
        {
            await redis.ExecuteAsync(Timeout, cancellationToken, "SET", Key(generation.Id), JsonSerializer.Serialize(new Entry(userId, generation), JsonSerializerOptions.Web), "PX", ttl);
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

    private sealed record Entry(Guid UserId, GenerationResponse Generation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status cache unavailable, using the database: {Reason}")]
    private static partial void LogCacheUnavailable(ILogger logger, string reason);
}
