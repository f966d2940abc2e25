using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Leases;
using MusicGen.Core.Usage;
using MusicGen.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Worker.Maintenance;

/// <summary>
/// Folds finished days of usage into <c>usage_days</c>, so quota reads sum days instead of generations.
/// A pass recomputes each day from its generations and sets (never adds) the day's figures, then moves the
/// watermark (<see cref="UsageWatermark"/>) past them, so running it again changes nothing. A day is folded once it ended
/// <see cref="MaintenanceOptions.UsageRollupDelay"/> ago and none of its generations is still Queued or
/// Generating; a retry or a delete moves the watermark back to its day, and a pass that read the days before
/// such a change leaves the watermark where it is. Lease <c>usage-rollup</c>.
/// </summary>
public sealed partial class UsageRollup(
    IServiceScopeFactory scopes,
    IOptions<MaintenanceOptions> options,
    RedisClient redis,
    TimeProvider time,
    ILogger<UsageRollup> logger) : LeasedBackgroundService(redis, time, logger)
{
    /// <summary>Days folded per pass at most, so catching up on a long history is spread over passes.</summary>
    public const int MaxDaysPerPass = 31;

    protected override string LeaseName => "usage-rollup";

    protected override TimeSpan Interval => options.Value.UsageRollupInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var days = await RollUpOnceAsync(cancellationToken);
        if (days > 0)
        {
            LogRolledUp(Logger, days);
        }
    }

    /// <summary>One pass; returns how many days it folded (0 when nothing was due or a concurrent change voided the pass).</summary>
    public async Task<int> RollUpOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();

        // The version first: a retry or delete after this read voids the pass (see UsageWatermark).
        var watermark = await db.UsageWatermarks.AsNoTracking().SingleAsync(w => w.Id == UsageWatermark.SingletonId, cancellationToken);
        var target = UsageLedger.DayOf(Time.GetUtcNow() - options.Value.UsageRollupDelay);
        var oldestOpen = await db.Generations.AsNoTracking()
            .Where(g => g.Status == GenerationStatus.Queued || g.Status == GenerationStatus.Generating)
            .MinAsync(g => (DateTimeOffset?)g.CreatedAt, cancellationToken);
        if (oldestOpen is { } open && UsageLedger.DayOf(open) < target)
        {
            target = UsageLedger.DayOf(open);
        }

        var start = watermark.RolledThrough;
        if (start == DateTimeOffset.MinValue)
        {
            // Never rolled up: begin at the first generation (or nowhere, if there is none yet).
            var first = await db.Generations.AsNoTracking().MinAsync(g => (DateTimeOffset?)g.CreatedAt, cancellationToken);
            start = first is { } f ? UsageLedger.DayOf(f) : target;
        }

        var end = start.AddDays(MaxDaysPerPass) < target ? start.AddDays(MaxDaysPerPass) : target;
        if (end <= start)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var day = start; day < end; day = day.AddDays(1))
        {
            await FoldDayAsync(db, day, cancellationToken);
        }

        var moved = await db.UsageWatermarks.Where(w => w.Id == UsageWatermark.SingletonId && w.Version == watermark.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.RolledThrough, end).SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
        if (moved == 0)
        {
            // A retry or delete changed a day under the pass: drop what it wrote; the next pass folds the days again.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return (int)(end - start).TotalDays;
    }

    /// <summary>Sets each user's figures for the day from the generations that count; users with a row but none left get zero.</summary>
    private static async Task FoldDayAsync(MusicDbContext db, DateTimeOffset day, CancellationToken cancellationToken)
    {
        var next = day.AddDays(1);
        var counted = await db.Generations.AsNoTracking()
            .Where(g => g.CreatedAt >= day && g.CreatedAt < next && g.Status != GenerationStatus.Failed && g.Status != GenerationStatus.Canceled)
            .GroupBy(g => g.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count(), BilledMs = g.Sum(x => x.BilledAudioMs) })
            .ToDictionaryAsync(g => g.UserId, cancellationToken);
        var rows = await db.UsageDays.Where(d => d.Day == day).ToDictionaryAsync(d => d.UserId, cancellationToken);
        foreach (var (userId, row) in rows)
        {
            counted.TryGetValue(userId, out var figures);
            row.Generations = figures?.Count ?? 0;
            row.BilledAudioMs = figures?.BilledMs ?? 0;
        }

        foreach (var figures in counted.Values.Where(f => !rows.ContainsKey(f.UserId)))
        {
            db.UsageDays.Add(new UsageDay { UserId = figures.UserId, Day = day, Generations = figures.Count, BilledAudioMs = figures.BilledMs });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage roll-up folded {Days} day(s)")]
    private static partial void LogRolledUp(ILogger logger, int days);
}
