using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Leases;
using MusicGen.Core.Storage;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Maintenance;

/// <summary>
/// Trims finished job records in Redis (completed after <see cref="RetentionOptions.CompletedJobs"/>, failed
/// after <see cref="RetentionOptions.FailedJobs"/>) and, when <see cref="RetentionOptions.AudioDays"/> is set,
/// deletes the files of generations finished longer ago (blob first, then its row, so a crash in between
/// leaves a row whose blob is gone rather than a blob nobody knows of). Lease <c>retention</c>.
/// </summary>
public sealed partial class RetentionService(
    IServiceScopeFactory scopes,
    JobQueue queue,
    IBlobStore store,
    IOptions<RetentionOptions> retention,
    IOptions<MaintenanceOptions> maintenance,
    RedisClient redis,
    TimeProvider time,
    ILogger<RetentionService> logger) : LeasedBackgroundService(redis, time, logger)
{
    private const int Batch = 200;

    protected override string LeaseName => "retention";

    protected override TimeSpan Interval => maintenance.Value.RetentionInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var jobs = await queue.CleanAsync(JobState.Completed, retention.Value.CompletedJobs, 10_000, cancellationToken)
            + await queue.CleanAsync(JobState.Failed, retention.Value.FailedJobs, 10_000, cancellationToken);
        var files = await ExpireAudioAsync(cancellationToken);
        if (jobs + files > 0)
        {
            LogRetained(Logger, jobs, files);
        }
    }

    /// <summary>Deletes expired audio files; returns how many.</summary>
    public async Task<int> ExpireAudioAsync(CancellationToken cancellationToken)
    {
        if (retention.Value.AudioDays is not { } days)
        {
            return 0;
        }

        var before = Time.GetUtcNow().AddDays(-days);
        var deleted = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
            var expired = await (
                from file in db.TrackFiles
                join track in db.Tracks on file.TrackId equals track.Id
                join generation in db.Generations on track.GenerationId equals generation.Id
                where generation.Status == GenerationStatus.Completed && generation.CompletedAt < before
                select file).Take(Batch).ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return deleted;
            }

            foreach (var file in expired)
            {
                await store.DeleteAsync(file.StorageKey, cancellationToken);
            }

            var ids = expired.Select(f => f.Id).ToList();
            deleted += await db.TrackFiles.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Jobs} job record(s) and {Files} audio file(s)")]
    private static partial void LogRetained(ILogger logger, int jobs, int files);
}
