using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;
using MusicGen.Redis;

namespace MusicGen.Api.Generations;

/// <summary>
/// Live generation events for the SSE endpoint: one Redis pub/sub connection per API process, shared by
/// every open stream (the subscriber fans each channel's messages out to its handlers). Redis trouble
/// never fails a stream: subscribing answers null and the stream polls instead.
/// </summary>
public sealed partial class GenerationEventHub(RedisClient redis, ILogger<GenerationEventHub> logger) : IAsyncDisposable
{
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(1);
    private readonly Lazy<Task<RedisSubscriber>> _subscriber = new(() => RedisSubscriber.ConnectAsync(redis.Options with { AbortConnect = false }));

    /// <summary>Calls <paramref name="onEvent"/> for each event of the generation until disposed; null when Redis is unreachable.</summary>
    public async Task<IAsyncDisposable?> SubscribeAsync(Guid generationId, Action<GenerationEvent> onEvent, CancellationToken cancellationToken)
    {
        try
        {
            var subscriber = await _subscriber.Value;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(SubscribeTimeout);
            return await subscriber.SubscribeAsync(GenerationEvents.Channel(generationId), (_, message) => Relay(message, onEvent), timeout.Token);
        }
        catch (Exception e) when (e is RedisException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogSubscribeFailed(logger, generationId, e.Message);
            return null;
        }
    }

    /// <summary>Tells open streams about a change the API itself made (cancel, retry); best effort, as the streams also poll.</summary>
    public async Task PublishAsync(GenerationEvent generationEvent, CancellationToken cancellationToken)
    {
        try
        {
            await redis.ExecuteAsync(SubscribeTimeout, cancellationToken, "PUBLISH", GenerationEvents.Channel(generationEvent.Id), JsonSerializer.Serialize(generationEvent, JsonSerializerOptions.Web));
        }
        catch (Exception e) when (e is RedisException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogPublishFailed(logger, generationEvent.Id, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscriber.IsValueCreated)
        {
            await (await _subscriber.Value).DisposeAsync();
        }
    }

    private void Relay(ReadOnlyMemory<byte> message, Action<GenerationEvent> onEvent)
    {
        try
        {
            if (JsonSerializer.Deserialize<GenerationEvent>(message.Span, JsonSerializerOptions.Web) is { } generationEvent)
            {
                onEvent(generationEvent);
            }
        }
        catch (JsonException e)
        {
            LogMalformedEvent(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events of generation {GenerationId} unavailable, polling instead: {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, Guid generationId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not publish the event of generation {GenerationId}: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, Guid generationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed generation event: {Reason}")]
    private static partial void LogMalformedEvent(ILogger logger, string reason);
}
