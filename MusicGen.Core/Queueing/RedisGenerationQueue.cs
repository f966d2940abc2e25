using System.Text.Json;
using MusicGen.Core.Generations;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Queueing;

/// <summary><see cref="IGenerationQueue"/> on MusicGen.Redis's job queue named <c>generation</c>.</summary>
public sealed class RedisGenerationQueue(JobQueue queue, IOptions<GenerationQueueOptions> options) : IGenerationQueue
{
    // A finished (completed) job keeps its id, so adding it again would be ignored: forget it first.
    private static readonly RedisScript ForgetCompleted = new("""
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
          redis.call('DEL', KEYS[2], KEYS[2] .. ':lock')
          return 1
        end
        return 0
        """);

    public JobOptions JobOptions { get; } = new()
    {
        Attempts = options.Value.Attempts,
        Backoff = Backoff.Exponential(options.Value.Backoff, options.Value.BackoffJitter),
    };

    public Task EnqueueAsync(Guid generationId, string? traceParent, CancellationToken cancellationToken) =>
        queue.AddAsync(generationId.ToString(), JsonSerializer.Serialize(new GenerationJob(generationId)), traceParent is null ? JobOptions : JobOptions with { TraceParent = traceParent }, cancellationToken);

    /// <summary>
    /// Puts the job back in line whatever became of it: a failed job is retried with fresh attempts, a
    /// completed or vanished one (Redis flushed) is added anew, a waiting, delayed or running one is left alone.
    /// </summary>
    public async Task RequeueAsync(Guid generationId, CancellationToken cancellationToken)
    {
        var id = generationId.ToString();
        if (await queue.RetryAsync(id, cancellationToken))
        {
            return;
        }

        await queue.Client.EvalAsync(ForgetCompleted, [queue.Prefix + "completed", queue.Prefix + "job:" + id], [id], cancellationToken);
        await EnqueueAsync(generationId, null, cancellationToken);
    }
}
