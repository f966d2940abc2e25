using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Usage;

/// <summary>
/// Billed audio per user: the rolled-up days before the watermark, the deleted generations' audio, and a
/// live sum of the generations from the watermark on. A generation counts unless it is Failed or Canceled,
/// and keeps counting after it is deleted. The Postgres submit statement in the API computes the same
/// figure in SQL; the two must stay in step.
/// </summary>
public static class UsageLedger
{
    /// <summary>Midnight UTC that starts the day of <paramref name="time"/>.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>Audio (ms) billed to <paramref name="userId"/> for generations created since <paramref name="from"/> (a UTC midnight).</summary>
    public static async Task<long> UsedMsAsync(MusicDbContext db, Guid userId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var rolledThrough = await RolledThroughAsync(db, cancellationToken);
        var days = await db.UsageDays.AsNoTracking()
            .Where(d => d.UserId == userId && d.Day >= from)
            .SumAsync(d => (long?)((d.Day < rolledThrough ? d.BilledAudioMs : 0) + d.DeletedBilledAudioMs), cancellationToken) ?? 0;
        var liveFrom = rolledThrough > from ? rolledThrough : from;
        var live = await db.Generations.AsNoTracking()
            .Where(g => g.UserId == userId && g.CreatedAt >= liveFrom && g.Status != GenerationStatus.Failed && g.Status != GenerationStatus.Canceled)
            .SumAsync(g => (long?)g.BilledAudioMs, cancellationToken) ?? 0;
        return days + live;
    }

    /// <summary>
    /// Deletes the user's generation (its tracks and files go with it) and, if it counted, keeps its audio on
    /// the day's usage; false when there is no such generation.
    /// </summary>
    public static async Task<bool> DeleteGenerationAsync(MusicDbContext db, Guid userId, Guid generationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var owned = db.Generations.Where(g => g.Id == generationId && g.UserId == userId);

        // A no-op write first locks the row, so a Worker finishing it cannot change what is billed between the read and the delete.
        if (await owned.ExecuteUpdateAsync(s => s.SetProperty(g => g.UpdatedAt, g => g.UpdatedAt), cancellationToken) == 0)
        {
            return false;
        }

        var gone = await owned.AsNoTracking().Select(g => new { g.Status, g.BilledAudioMs, g.CreatedAt }).SingleAsync(cancellationToken);
        await owned.ExecuteDeleteAsync(cancellationToken);
        if (gone.Status is not (GenerationStatus.Failed or GenerationStatus.Canceled))
        {
            var day = DayOf(gone.CreatedAt);
            await KeepDeletedAsync(db, userId, day, gone.BilledAudioMs, cancellationToken);
            await ReopenAsync(db, day, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks the day of <paramref name="createdAt"/> as changed: the roll-up folds it again, and a pass that
    /// read it before the change does not move the watermark. Call in the transaction that makes the change
    /// (a Failed or Canceled generation going back to Queued; a delete).
    /// </summary>
    public static async Task ReopenAsync(MusicDbContext db, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var day = DayOf(createdAt);
        await db.UsageWatermarks.Where(w => w.Id == UsageWatermark.SingletonId).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.RolledThrough, w => w.RolledThrough > day ? day : w.RolledThrough)
            .SetProperty(w => w.Version, w => w.Version + 1), cancellationToken);
    }

    private static async Task<DateTimeOffset> RolledThroughAsync(MusicDbContext db, CancellationToken cancellationToken) =>
        await db.UsageWatermarks.AsNoTracking().Where(w => w.Id == UsageWatermark.SingletonId)
            .Select(w => (DateTimeOffset?)w.RolledThrough).SingleOrDefaultAsync(cancellationToken) ?? DateTimeOffset.MinValue;

    private static async Task KeepDeletedAsync(MusicDbContext db, Guid userId, DateTimeOffset day, long billedMs, CancellationToken cancellationToken)
    {
        var row = db.UsageDays.Where(d => d.UserId == userId && d.Day == day);
        if (await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedGenerations, d => d.DeletedGenerations + 1).SetProperty(d => d.DeletedBilledAudioMs, d => d.DeletedBilledAudioMs + billedMs), cancellationToken) > 0)
        {
            return;
        }

        db.UsageDays.Add(new UsageDay { UserId = userId, Day = day, DeletedGenerations = 1, DeletedBilledAudioMs = billedMs });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The roll-up inserted the day meanwhile; SaveChanges rolled back to its savepoint, so add to that row.
            db.ChangeTracker.Clear();
            await row.ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedGenerations, d => d.DeletedGenerations + 1).SetProperty(d => d.DeletedBilledAudioMs, d => d.DeletedBilledAudioMs + billedMs), cancellationToken);
        }
    }
}
