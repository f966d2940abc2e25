using System.Diagnostics.Metrics;
using MusicGen.Redis;
using MusicGen.Redis.Queue;

namespace MusicGen.Worker.Observability;

/// <summary>Reads the generation queue's counts every few seconds for the <c>musicgen.worker.queue.depth</c> gauge (gauges are read synchronously).</summary>
public sealed class QueueDepthSampler(JobQueue queue) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private JobCounts? _latest;

    public IEnumerable<Measurement<long>> Observe()
    {
        if (Volatile.Read(ref _latest) is not { } counts)
        {
            yield break;
        }

        yield return new(counts.Waiting, new KeyValuePair<string, object?>("state", "waiting"));
        yield return new(counts.Prioritized, new KeyValuePair<string, object?>("state", "prioritized"));
        yield return new(counts.Delayed, new KeyValuePair<string, object?>("state", "delayed"));
        yield return new(counts.Active, new KeyValuePair<string, object?>("state", "active"));
        yield return new(counts.Completed, new KeyValuePair<string, object?>("state", "completed"));
        yield return new(counts.Failed, new KeyValuePair<string, object?>("state", "failed"));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerMetrics.ObserveQueueDepth(this);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                Volatile.Write(ref _latest, await queue.GetCountsAsync(stoppingToken));
            }
            catch (RedisException)
            {
                // Keep the last snapshot; Redis is back soon or the health check says so.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
