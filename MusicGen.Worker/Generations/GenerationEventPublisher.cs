using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;
using MusicGen.Redis;

namespace MusicGen.Worker.Generations;

/// <summary>
/// Tells followers a generation changed: publishes a <see cref="GenerationEvent"/> on its channel (SSE) and
/// drops the API's cached read of it. Best effort: Postgres holds the truth, so Redis trouble is logged, not thrown.
/// </summary>
public sealed partial class GenerationEventPublisher(RedisClient redis, ILogger<GenerationEventPublisher> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public async Task PublishAsync(GenerationEvent change, CancellationToken cancellationToken)
    {
        try
        {
            await redis.InvalidateStatusAsync(change.Id, Timeout, cancellationToken);
            await redis.ExecuteAsync(Timeout, cancellationToken, "PUBLISH", GenerationEvents.Channel(change.Id), JsonSerializer.Serialize(change, JsonSerializerOptions.Web));
        }
        catch (Exception e) when (e is RedisException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogPublishFailed(logger, change.Id, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Progress of generation {GenerationId} not published: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, Guid generationId, string reason);
}
