using System.Text.Json;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Providers;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Worker.Generations;

/// <summary>
/// A generation's status changes, each one conditional on the status it leaves, so a cancel or another
/// worker's finish in between is never overwritten: the change simply does not happen.
/// </summary>
public sealed class GenerationStates(MusicDbContext db, TimeProvider time)
{
    /// <summary>Queued or Generating → Generating for a new try; false when the generation is gone or finished.</summary>
    public async Task<bool> StartAsync(Generation generation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startedAt = generation.StartedAt ?? now;

        // Persist the seed a generation without one renders with, so a later re-render (another format, stems) matches.
        var seed = generation.Seed ?? (long)EngineRequests.SeedOf(generation);
        var rows = await db.Generations
            .Where(g => g.Id == generation.Id && (g.Status == GenerationStatus.Queued || g.Status == GenerationStatus.Generating))
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GenerationStatus.Generating)
                .SetProperty(g => g.Attempts, g => g.Attempts + 1)
                .SetProperty(g => g.StartedAt, startedAt)
                .SetProperty(g => g.Seed, seed)
                .SetProperty(g => g.Stage, "composing")
                .SetProperty(g => g.Progress, 0)
                .SetProperty(g => g.ErrorCode, (string?)null)
                .SetProperty(g => g.ErrorMessage, (string?)null)
                .SetProperty(g => g.UpdatedAt, now), cancellationToken);
        generation.Seed = seed;
        generation.StartedAt = startedAt;
        return rows == 1;
    }

    /// <summary>
    /// Generating → Completed with its tracks and webhook deliveries, in one transaction. Variants already
    /// stored (an earlier delivery of the same job) are kept, never doubled. Returns the status the generation
    /// ends up in: Completed, or whatever it had become meanwhile (Canceled…).
    /// </summary>
    public async Task<GenerationStatus?> CompleteAsync(Generation generation, IReadOnlyList<StoredTrack> stored, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Generations
            .Where(g => g.Id == generation.Id && g.Status == GenerationStatus.Generating)
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GenerationStatus.Completed)
                .SetProperty(g => g.Stage, (string?)null)
                .SetProperty(g => g.Progress, 100)
                .SetProperty(g => g.CompletedAt, now)
                .SetProperty(g => g.UpdatedAt, now), cancellationToken);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await StatusOfAsync(generation.Id, cancellationToken);
        }

        var existing = await db.Tracks.AsNoTracking().Where(t => t.GenerationId == generation.Id).ToListAsync(cancellationToken);
        var added = stored.Where(s => existing.All(t => t.VariantIndex != s.Track.Variant)).Select(s => ToTrack(generation, s, now)).ToList();
        db.Tracks.AddRange(added);
        generation.Status = GenerationStatus.Completed;
        await GenerationWebhooks.AddDeliveriesAsync(db, generation, [.. existing, .. added], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return GenerationStatus.Completed;
    }

    /// <summary>Queued or Generating → Failed with a code and message, and its webhook deliveries; false when it had already ended.</summary>
    public async Task<bool> FailAsync(Generation generation, string code, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        code = code.Length > 64 ? code[..64] : code;
        message = message.Length > 1000 ? message[..1000] : message;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Generations
            .Where(g => g.Id == generation.Id && (g.Status == GenerationStatus.Queued || g.Status == GenerationStatus.Generating))
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GenerationStatus.Failed)
                .SetProperty(g => g.Stage, (string?)null)
                .SetProperty(g => g.ErrorCode, code)
                .SetProperty(g => g.ErrorMessage, message)
                .SetProperty(g => g.CompletedAt, now)
                .SetProperty(g => g.UpdatedAt, now), cancellationToken);
        if (rows == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        generation.Status = GenerationStatus.Failed;
        generation.ErrorCode = code;
        generation.ErrorMessage = message;
        await GenerationWebhooks.AddDeliveriesAsync(db, generation, [], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Generating → Queued: the try ended without a result and the job will run again (backoff, or handed back at shutdown).</summary>
    public async Task<bool> RequeueAsync(Guid generationId, string? errorCode, string? errorMessage, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = errorMessage is { Length: > 1000 } ? errorMessage[..1000] : errorMessage;
        return await db.Generations
            .Where(g => g.Id == generationId && g.Status == GenerationStatus.Generating)
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GenerationStatus.Queued)
                .SetProperty(g => g.Stage, "queued")
                .SetProperty(g => g.ErrorCode, errorCode)
                .SetProperty(g => g.ErrorMessage, message)
                .SetProperty(g => g.UpdatedAt, now), cancellationToken) == 1;
    }

    public Task<GenerationStatus?> StatusOfAsync(Guid generationId, CancellationToken cancellationToken) =>
        db.Generations.Where(g => g.Id == generationId).Select(g => (GenerationStatus?)g.Status).SingleOrDefaultAsync(cancellationToken);

    private static Track ToTrack(Generation generation, StoredTrack stored, DateTimeOffset now)
    {
        var track = stored.Track;
        var id = Guid.CreateVersion7();
        var files = new List<TrackFile>
        {
            new() { Id = Guid.CreateVersion7(), TrackId = id, Kind = TrackFileKind.Audio, Name = track.FileExtension, StorageKey = stored.AudioKey, ContentType = track.ContentType, SizeBytes = track.Audio.Length },
        };
        if (stored.MidiKey is { } midiKey)
        {
            files.Add(new() { Id = Guid.CreateVersion7(), TrackId = id, Kind = TrackFileKind.Midi, Name = "mid", StorageKey = midiKey, ContentType = TrackFiles.MidiContentType, SizeBytes = track.Midi!.Length });
        }

        return new Track
        {
            Id = id,
            GenerationId = generation.Id,
            VariantIndex = track.Variant,
            Title = TitleOf(generation, track.Variant),
            DurationMs = (int)Math.Round(track.DurationSeconds * 1000),
            SizeBytes = track.Audio.Length,
            Checksum = stored.Checksum,
            Bpm = track.Bpm,
            MusicalKey = track.Key,
            LoudnessLufs = track.IntegratedLufs,
            TruePeakDbtp = track.TruePeakDbtp,
            Sections = track.Sections is { } sections
                ? JsonSerializer.Serialize(sections.Select(s => new { s.Name, Start = Math.Round(s.StartSeconds, 3), Duration = Math.Round(s.DurationSeconds, 3), Energy = Math.Round(s.Energy, 3) }), JsonSerializerOptions.Web)
                : null,
            WaveformPeaks = track.WaveformPeaks is { } peaks ? JsonSerializer.Serialize(peaks.Select(p => Math.Round(p, 3))) : null,
            CreatedAt = now,
            Files = files,
        };
    }

    private static string TitleOf(Generation generation, int variant)
    {
        var title = generation.Variations > 1 ? $"{generation.Name} ({variant + 1})" : generation.Name;
        return title.Length > 200 ? title[..200] : title;
    }
}
