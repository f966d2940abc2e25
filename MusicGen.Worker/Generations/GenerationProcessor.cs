using System.Diagnostics;
using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Providers;
using MusicGen.Redis.Queue;
using MusicGen.Worker.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Generations;

/// <summary>
/// Runs one <c>generation</c> job: skip if the generation already ended; mark it Generating; render through
/// the provider router; upload the files under deterministic keys; insert the tracks and mark it Completed in
/// one transaction. Transient failures go back to the queue for a retry with backoff (Failed with the last
/// error once attempts run out); permanent ones fail the generation at once. A cancel noticed mid-way stops
/// the render and removes whatever was uploaded. Every path leaves Postgres terminal or the job alive.
/// </summary>
public sealed partial class GenerationProcessor(
    IServiceScopeFactory scopes,
    ProviderRouter router,
    TrackUploader uploader,
    GenerationEventPublisher events,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<GenerationProcessor> logger)
{
    public async Task HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        if (!TryReadJob(job, out var generationId))
        {
            throw new UnrecoverableJobException($"Job '{job.Id}' does not hold a generation id: {job.DataAsString}");
        }

        await using var scope = scopes.CreateAsyncScope();
        var states = scope.ServiceProvider.GetRequiredService<GenerationStates>();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var generation = await db.Generations.AsNoTracking().SingleOrDefaultAsync(g => g.Id == generationId, cancellationToken);
        if (generation is null || generation.IsTerminal || !await states.StartAsync(generation, cancellationToken))
        {
            // Deleted, already finished (a duplicate delivery) or canceled before it began: nothing to do.
            LogSkipped(logger, generationId, generation?.Status.ToString() ?? "deleted");
            WorkerMetrics.Job("skipped");
            return;
        }

        Activity.Current?.SetTag("musicgen.generation.id", generationId);
        Activity.Current?.SetTag("musicgen.provider", generation.Provider);
        LogStarted(logger, generationId, generation.Provider, job.Attempt, job.MaxAttempts);
        await events.PublishAsync(new GenerationEvent(generationId, nameof(GenerationStatus.Generating), "composing", 0, null, null), cancellationToken);

        await using var watch = new CancellationWatch(generationId, scopes, options.Value.CancelPollInterval, time);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Token);
        try
        {
            await RunAsync(generation, states, work.Token);
        }
        catch (OperationCanceledException) when (watch.Canceled && !cancellationToken.IsCancellationRequested)
        {
            await CleanUpCanceledAsync(generation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down, or this worker lost the job's lock: the job runs again elsewhere or after restart.
            await states.RequeueAsync(generationId, null, null, CancellationToken.None);
            await PublishAsync(generationId, CancellationToken.None);
            WorkerMetrics.Job("handed_back");
            throw;
        }
        catch (ProviderException e) when (!e.Transient)
        {
            await FailAsync(generation, states, e.Code, e.Message);
            throw new UnrecoverableJobException($"{e.Code}: {e.Message}", e);
        }
        catch (Exception e)
        {
            var code = e switch
            {
                ProviderException provider => provider.Code,
                StorageUnavailableException storage => storage.Code,
                _ => ProviderErrorCodes.Internal,
            };
            if (job.Attempt >= job.MaxAttempts)
            {
                await FailAsync(generation, states, code, $"Gave up after {job.Attempt} attempt(s): {e.Message}");
                throw new UnrecoverableJobException($"{code}: {e.Message}", e);
            }

            LogRetrying(logger, generationId, job.Attempt, job.MaxAttempts, code, e.Message);
            await states.RequeueAsync(generationId, code, $"Attempt {job.Attempt} of {job.MaxAttempts} failed, retrying: {e.Message}", CancellationToken.None);
            await PublishAsync(generationId, CancellationToken.None);
            WorkerMetrics.Job("retried");
            throw;
        }
    }

    private async Task RunAsync(Generation generation, GenerationStates states, CancellationToken cancellationToken)
    {
        await using var progress = new GenerationProgressReporter(
            generation.Id, "composing", 0, scopes, events, time, options.Value.ProgressWriteInterval);

        IReadOnlyList<ProvidedTrack> tracks;
        using (WorkerMetrics.Tracing.StartActivity("generation render"))
        {
            tracks = await router.GenerateAsync(
                generation,
                new ProgressSink(p => progress.Report(p.Stage, 2 + (int)(p.Fraction * 83))),
                cancellationToken);
        }

        IReadOnlyList<StoredTrack> stored;
        using (WorkerMetrics.Tracing.StartActivity("generation upload"))
        {
            progress.Report("uploading", 85);
            stored = await uploader.UploadAsync(generation, tracks, done => progress.Report("uploading", 85 + 12 * done / tracks.Count), cancellationToken);
        }

        progress.Report("finalizing", 97);
        await progress.DisposeAsync();

        GenerationStatus? outcome;
        using (WorkerMetrics.Tracing.StartActivity("generation finalize"))
        {
            // Not cancelable by a cancel noticed now: the conditional update below decides who wins.
            outcome = await states.CompleteAsync(generation, stored, CancellationToken.None);
        }

        switch (outcome)
        {
            case GenerationStatus.Completed:
                LogCompleted(logger, generation.Id, tracks.Count);
                WorkerMetrics.Job("completed");
                WorkerMetrics.Finished(generation.Provider, "completed", time.GetUtcNow() - generation.CreatedAt);
                await PublishAsync(generation.Id, CancellationToken.None);
                break;
            case GenerationStatus.Canceled or null:
                await CleanUpCanceledAsync(generation, CancellationToken.None);
                break;
            default:
                // Another delivery of the job finished it first; its files are the same keys, so nothing to undo.
                LogSkipped(logger, generation.Id, outcome.ToString()!);
                WorkerMetrics.Job("skipped");
                break;
        }
    }

    private async Task CleanUpCanceledAsync(Generation generation, CancellationToken cancellationToken)
    {
        try
        {
            await uploader.DeleteAllAsync(generation, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The orphan sweep removes them later: they are referenced by no track.
            LogCleanupFailed(logger, generation.Id, e.Message);
        }

        LogCanceled(logger, generation.Id);
        WorkerMetrics.Job("canceled");
        WorkerMetrics.Finished(generation.Provider, "canceled", time.GetUtcNow() - generation.CreatedAt);
        await PublishAsync(generation.Id, CancellationToken.None);
    }

    private async Task FailAsync(Generation generation, GenerationStates states, string code, string message)
    {
        if (await states.FailAsync(generation, code, message, CancellationToken.None))
        {
            LogFailed(logger, generation.Id, code, message);
            WorkerMetrics.Job("failed");
            WorkerMetrics.Finished(generation.Provider, "failed", time.GetUtcNow() - generation.CreatedAt);
        }

        await PublishAsync(generation.Id, CancellationToken.None);
    }

    /// <summary>Publishes the generation's current row (status, error), as followers should see it.</summary>
    private async Task PublishAsync(Guid generationId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            var current = await db.Generations.AsNoTracking().Where(g => g.Id == generationId)
                .Select(g => new GenerationEvent(g.Id, g.Status.ToString(), g.Stage, g.Progress, g.ErrorCode, g.ErrorMessage))
                .SingleOrDefaultAsync(cancellationToken);
            if (current is not null)
            {
                await events.PublishAsync(current, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCleanupFailed(logger, generationId, e.Message);
        }
    }

    private static bool TryReadJob(JobContext job, out Guid generationId)
    {
        generationId = Guid.Empty;
        try
        {
            var payload = JsonSerializer.Deserialize<GenerationJob>(job.Data.Span, JsonSerializerOptions.Web);
            generationId = payload?.GenerationId ?? Guid.Empty;
        }
        catch (JsonException)
        {
        }

        return generationId != Guid.Empty || Guid.TryParse(job.Id, out generationId);
    }

    private sealed class ProgressSink(Action<ProviderProgress> report) : IProgress<ProviderProgress>
    {
        public void Report(ProviderProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation {GenerationId} skipped: it is {Status}")]
    private static partial void LogSkipped(ILogger logger, Guid generationId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation {GenerationId} started on {Provider}, attempt {Attempt} of {MaxAttempts}")]
    private static partial void LogStarted(ILogger logger, Guid generationId, string provider, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation {GenerationId} completed with {Tracks} track(s)")]
    private static partial void LogCompleted(ILogger logger, Guid generationId, int tracks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation {GenerationId} canceled; its files were removed")]
    private static partial void LogCanceled(ILogger logger, Guid generationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation {GenerationId} failed: {Code}: {Message}")]
    private static partial void LogFailed(ILogger logger, Guid generationId, string code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation {GenerationId} attempt {Attempt}/{MaxAttempts} failed ({Code}: {Message}); retrying with backoff")]
    private static partial void LogRetrying(ILogger logger, Guid generationId, int attempt, int maxAttempts, string code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation {GenerationId}: follow-up step failed: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, Guid generationId, string reason);
}
