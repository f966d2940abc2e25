using MusicGen.Api.Files;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Storage;
using MusicGen.Engine;
using MusicGen.Engine.Composition;
using MusicGen.Engine.Midi;
using MusicGen.Engine.Scores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Tracks;

/// <summary>
/// Makes a track file that was not stored (another format, the stems, a lost MIDI file) by rendering the
/// track again: the engine is deterministic, so the same generation and variant give the same music.
/// The file is stored under its deterministic key with a <see cref="TrackFile"/> row. Requests for the same
/// file wait for one render in this process; across replicas the unique (track, kind, name) index keeps one
/// row, and the loser reads the winner's.
/// </summary>
public sealed partial class TrackFileRenderer(IBlobStore store, IOptions<StorageOptions> options, ILogger<TrackFileRenderer> logger)
{
    // Striped locks: bounded memory, and two files rarely share a stripe (then one merely waits for the other).
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly SemaphoreSlim _renders = new(options.Value.MaxConcurrentRenders);

    /// <summary>Only tracks of the local engine can be rendered again; other providers' audio exists only as stored.</summary>
    public static bool CanRender(Generation generation) => generation.Provider == "local";

    /// <summary>The stored file, rendered first if missing. <paramref name="track"/> must carry its files.</summary>
    public async Task<TrackFile> EnsureAsync(MusicDbContext db, Generation generation, Track track, TrackFileRequest wanted, CancellationToken cancellationToken)
    {
        var files = await EnsureAllAsync(db, generation, track, [wanted], cancellationToken);
        return files[0];
    }

    /// <summary>The four stems, rendered together in one pass when any is missing.</summary>
    public Task<IReadOnlyList<TrackFile>> EnsureStemsAsync(MusicDbContext db, Generation generation, Track track, CancellationToken cancellationToken) =>
        EnsureAllAsync(db, generation, track, [.. Enum.GetValues<StemGroup>().Select(g => TrackFileRequest.Stem(generation, g))], cancellationToken);

    private async Task<IReadOnlyList<TrackFile>> EnsureAllAsync(MusicDbContext db, Generation generation, Track track, TrackFileRequest[] wanted, CancellationToken cancellationToken)
    {
        if (Stored(track.Files, wanted) is { } stored)
        {
            return stored;
        }

        // Stems share one lock: one render makes all four.
        var lockKey = $"{track.Id}:{wanted[0].Kind}:{(wanted[0].Kind == TrackFileKind.Stem ? "*" : wanted[0].Name)}";
        var gate = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(lockKey) % _stripes.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await db.TrackFiles.AsNoTracking().Where(f => f.TrackId == track.Id).ToListAsync(cancellationToken);
            if (Stored(current, wanted) is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            var rendered = await RenderAsync(generation, track, wanted, cancellationToken);
            var trackBase = StorageKeys.TrackBase(generation.CreatedAt, generation.Name, generation.Id, track.VariantIndex);
            var result = new List<TrackFile>();
            foreach (var (request, bytes) in rendered)
            {
                var key = request.Kind switch
                {
                    TrackFileKind.Midi => StorageKeys.Midi(trackBase),
                    TrackFileKind.Stem => StorageKeys.Stem(trackBase, request.Name, request.Extension),
                    _ when request.Name == request.Extension => StorageKeys.Audio(trackBase, request.Extension),
                    _ => StorageKeys.Audio($"{trackBase}_{request.Name}", request.Extension),
                };
                await store.PutAsync(key, bytes, request.ContentType, null, cancellationToken);
                result.Add(current.FirstOrDefault(f => f.Kind == request.Kind && f.Name == request.Name)
                    ?? await AddRowAsync(db, track.Id, request, key, bytes.Length, cancellationToken));
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TrackFile> AddRowAsync(MusicDbContext db, Guid trackId, TrackFileRequest request, string key, long size, CancellationToken cancellationToken)
    {
        var file = new TrackFile { Id = Guid.CreateVersion7(), TrackId = trackId, Kind = request.Kind, Name = request.Name, StorageKey = key, ContentType = request.ContentType, SizeBytes = size };
        db.TrackFiles.Add(file);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return file;
        }
        catch (DbUpdateException)
        {
            // Another replica stored the same file first (same key, same bytes): use its row.
            db.Entry(file).State = EntityState.Detached;
            return await db.TrackFiles.AsNoTracking().SingleAsync(f => f.TrackId == trackId && f.Kind == request.Kind && f.Name == request.Name, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<(TrackFileRequest Request, byte[] Bytes)>> RenderAsync(Generation generation, Track track, TrackFileRequest[] wanted, CancellationToken cancellationToken)
    {
        await _renders.WaitAsync(cancellationToken);
        try
        {
            LogRendering(logger, track.Id, string.Join(", ", wanted.Select(w => w.Name)));
            return await Task.Run(() => Render(generation, track, wanted, cancellationToken), cancellationToken);
        }
        finally
        {
            _renders.Release();
        }
    }

    private static IReadOnlyList<(TrackFileRequest, byte[])> Render(Generation generation, Track track, TrackFileRequest[] wanted, CancellationToken cancellationToken)
    {
        var first = wanted[0];
        if (first.Kind == TrackFileKind.Midi)
        {
            // The score alone gives the MIDI file: the same brief and seed the engine renders variation 0 of this request from.
            var request = EngineRequests.ForVariant(generation, track.VariantIndex, first.EngineFormat);
            return [(first, MidiWriter.Write(Composer.Compose(MusicEngine.Understand(request))))];
        }

        var stems = first.Kind == TrackFileKind.Stem;
        var take = MusicEngine.Generate(EngineRequests.ForVariant(generation, track.VariantIndex, first.EngineFormat, stems: stems), null, cancellationToken).Tracks[0];
        return stems
            ? [.. wanted.Select(w => (w, take.Stems[Enum.Parse<StemGroup>(w.Name, ignoreCase: true)]))]
            : [(first, take.Audio)];
    }

    private static IReadOnlyList<TrackFile>? Stored(IEnumerable<TrackFile> files, TrackFileRequest[] wanted)
    {
        var found = wanted.Select(w => files.FirstOrDefault(f => f.Kind == w.Kind && f.Name == w.Name)).OfType<TrackFile>().ToList();
        return found.Count == wanted.Length ? found : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendering {Files} of track {TrackId} on request")]
    private static partial void LogRendering(ILogger logger, Guid trackId, string files);
}
