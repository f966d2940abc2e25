using MusicGen.Core.Data;
using MusicGen.Core.Leases;
using MusicGen.Core.Storage;
using MusicGen.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Maintenance;

/// <summary>
/// Deletes blobs under <c>music/</c> that no track file refers to and that are older than
/// <see cref="MaintenanceOptions.OrphanGrace"/>: uploads of generations that were canceled, deleted or failed
/// between upload and commit. Lease <c>orphan-sweep</c>.
/// </summary>
public sealed partial class OrphanBlobSweeper(
    IServiceScopeFactory scopes,
    IBlobStore store,
    IOptions<MaintenanceOptions> options,
    RedisClient redis,
    TimeProvider time,
    ILogger<OrphanBlobSweeper> logger) : LeasedBackgroundService(redis, time, logger)
{
    private const int Batch = 500;

    protected override string LeaseName => "orphan-sweep";

    protected override TimeSpan Interval => options.Value.OrphanSweepInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await SweepOnceAsync(cancellationToken);
        if (deleted > 0)
        {
            LogSwept(Logger, deleted);
        }
    }

    /// <summary>One sweep; returns how many blobs it deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var olderThan = Time.GetUtcNow() - options.Value.OrphanGrace;
        var deleted = 0;
        var batch = new List<string>(Batch);
        await foreach (var blob in store.ListAsync(StorageKeys.Prefix, cancellationToken))
        {
            if (blob.LastModified < olderThan)
            {
                batch.Add(blob.Key);
            }

            if (batch.Count == Batch)
            {
                deleted += await DeleteUnreferencedAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        return deleted + await DeleteUnreferencedAsync(batch, cancellationToken);
    }

    private async Task<int> DeleteUnreferencedAsync(List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var referenced = (await db.TrackFiles.Where(f => keys.Contains(f.StorageKey)).Select(f => f.StorageKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var key in keys.Where(k => !referenced.Contains(k)))
        {
            await store.DeleteAsync(key, cancellationToken);
            deleted++;
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orphan sweep deleted {Count} blob(s) no track refers to")]
    private static partial void LogSwept(ILogger logger, int count);
}
