using System.Text.Json;
using MusicGen.Core.Generations;
using MusicGen.Redis.Queue;

namespace MusicGen.Core.Queueing;

/// <summary><see cref="IGenerationQueue"/> on MusicGen.Redis's job queue named <c>generation</c>.</summary>
public sealed class RedisGenerationQueue(JobQueue queue) : IGenerationQueue
{
    public static readonly JobOptions JobOptions = new() { Attempts = 3, Backoff = Backoff.Exponential(TimeSpan.FromSeconds(5), 0.2) };

    public Task EnqueueAsync(Guid generationId, CancellationToken cancellationToken) =>
        queue.AddAsync(generationId.ToString(), JsonSerializer.Serialize(new GenerationJob(generationId)), JobOptions, cancellationToken);

    public async Task RequeueAsync(Guid generationId, CancellationToken cancellationToken)
    {
        if (!await queue.RetryAsync(generationId.ToString(), cancellationToken))
        {
            await EnqueueAsync(generationId, cancellationToken);
        }
    }
}
