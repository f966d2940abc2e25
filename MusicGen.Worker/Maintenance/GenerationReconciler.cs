using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Leases;
using MusicGen.Core.Providers;
using MusicGen.Core.Queueing;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using MusicGen.Worker.Generations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Maintenance;

/// <summary>
/// Postgres is the truth, Redis only the line: a generation Queued or Generating that has not changed for
/// <see cref="MaintenanceOptions.StuckAfter"/> and has no live job (Redis was flushed, the job failed through
/// stalls, the enqueue was lost) is put back on the queue, or failed once it has used up
/// <see cref="MaintenanceOptions.MaxTries"/>. One replica reconciles at a time (lease <c>reconciler</c>).
/// </summary>
public sealed partial class GenerationReconciler(
    IServiceScopeFactory scopes,
    JobQueue queue,
    RedisGenerationQueue generations,
    GenerationEventPublisher events,
    IOptions<MaintenanceOptions> options,
    RedisClient redis,
    TimeProvider time,
    ILogger<GenerationReconciler> logger) : LeasedBackgroundService(redis, time, logger)
{
    private const int Batch = 500;

    protected override string LeaseName => "reconciler";

    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await ReconcileOnceAsync(cancellationToken);

    /// <summary>One pass; returns how many generations it re-queued or failed.</summary>
    public async Task<int> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var states = scope.ServiceProvider.GetRequiredService<GenerationStates>();
        var now = Time.GetUtcNow();
        var cutoff = now - options.Value.StuckAfter;
        var candidates = await db.Generations.AsNoTracking()
            .Where(g => (g.Status == GenerationStatus.Queued || g.Status == GenerationStatus.Generating) && g.UpdatedAt < cutoff)
            .OrderBy(g => g.UpdatedAt)
            .Take(Batch)
            .ToListAsync(cancellationToken);

        var acted = 0;
        foreach (var generation in candidates)
        {
            var job = await queue.GetJobAsync(generation.Id.ToString(), cancellationToken);
            if (job is { State: JobState.Waiting or JobState.Prioritized or JobState.Delayed or JobState.Active })
            {
                continue;
            }

            acted++;
            if (generation.Attempts >= options.Value.MaxTries)
            {
                await states.FailAsync(generation, ProviderErrorCodes.Stuck,
                    $"The generation could not be finished after {generation.Attempts} tries; retry it, or contact the operator if it keeps happening.", cancellationToken);
                LogFailedStuck(Logger, generation.Id, generation.Attempts);
                await events.PublishAsync(new(generation.Id, nameof(GenerationStatus.Failed), null, generation.Progress, ProviderErrorCodes.Stuck, null), cancellationToken);
                continue;
            }

            await generations.RequeueAsync(generation.Id, cancellationToken);

            // Mark it touched, so the next pass gives the new job time to start before looking again.
            await db.Generations.Where(g => g.Id == generation.Id && g.Status == generation.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.UpdatedAt, now), cancellationToken);
            LogRequeued(Logger, generation.Id, generation.Status.ToString(), job?.State.ToString() ?? "missing");
        }

        return acted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler re-queued generation {GenerationId} ({Status}; its job was {JobState})")]
    private static partial void LogRequeued(ILogger logger, Guid generationId, string status, string jobState);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler failed generation {GenerationId}: no job after {Tries} tries")]
    private static partial void LogFailedStuck(ILogger logger, Guid generationId, int tries);
}
