using System.ComponentModel;
using System.IO.Compression;
using System.Security.Claims;
using MusicGen.Api.Accounts;
using MusicGen.Api.Files;
using MusicGen.Api.Generations;
using MusicGen.Api.Problems;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Tracks;

public static class TracksApi
{
    public static RouteGroupBuilder MapTracksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tracks").WithTags("Tracks").RequireAuthorization();
        api.MapGet("/{id:guid}", Get).WithName("GetTrack").WithSummary("Get a track")
            .WithDescription("A track's metadata and its files (audio formats, stems, MIDI) with their download URLs.");
        api.MapGet("/{id:guid}/download", Download).WithName("DownloadTrack").WithSummary("Download a track file")
            .WithDescription("Redirects (302) to a short-lived link to the file: a presigned S3 URL, or the API's own signed /api/v1/files link. A format the track was not stored in is rendered first (the engine renders the same music again), which takes a few seconds once.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/stream", Stream).WithName("StreamTrack").WithSummary("Stream a track")
            .WithDescription("The track's audio with HTTP Range support (206 with Content-Range, 416 for a range past the end), for players that seek.")
            .Produces(StatusCodes.Status200OK, typeof(System.IO.Stream), "audio/mpeg", "audio/wav")
            .Produces(StatusCodes.Status206PartialContent, typeof(System.IO.Stream), "audio/mpeg", "audio/wav")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        api.MapGet("/{id:guid}/stems", Stems).WithName("DownloadTrackStems").WithSummary("Download a track's stems")
            .WithDescription("A zip of four stems (drums, bass, harmony, melody) in the track's format; rendered on the first request, stored afterwards.")
            .Produces(StatusCodes.Status200OK, typeof(System.IO.Stream), "application/zip")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/midi", Midi).WithName("DownloadTrackMidi").WithSummary("Download a track's MIDI file")
            .WithDescription("The score as a Standard MIDI File (format 1).")
            .Produces(StatusCodes.Status200OK, typeof(System.IO.Stream), TrackFileRequest.MidiContentType)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<TrackResponse>, NotFound>> Get(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var generation = await FindAsync(id, principal, db, cancellationToken);
        return generation is null ? TypedResults.NotFound() : TypedResults.Ok(generation.Tracks[0].ToResponse());
    }

    public static async Task<Results<RedirectHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> Download(
        Guid id,
        [Description("mp3, wav, pcm, an ElevenLabs output format name (mp3_44100_192, wav_48000…), mid, or a stem: drums, bass, harmony, melody. Empty: the track's own format.")] string? format,
        ClaimsPrincipal principal,
        MusicDbContext db,
        TrackFileRenderer renderer,
        TrackFileLinks links,
        CancellationToken cancellationToken)
    {
        var generation = await FindAsync(id, principal, db, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        if (TrackFileRequest.Parse(format, generation) is not { } wanted)
        {
            return FieldProblem.Invalid("format", $"format '{format}' is not supported. Allowed: {string.Join(", ", TrackFileRequest.Allowed)}.");
        }

        var track = generation.Tracks[0];
        return await FileOrRenderAsync(db, generation, track, wanted, renderer, cancellationToken) is { } file
            ? TypedResults.Redirect(links.For(generation, track, file))
            : NotRenderable(generation, wanted);
    }

    public static async Task<Results<BlobFileResult, NotFound, ProblemHttpResult>> Stream(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, TrackFileRenderer renderer, IBlobStore store, CancellationToken cancellationToken)
    {
        var generation = await FindAsync(id, principal, db, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        var wanted = TrackFileRequest.Primary(generation);
        return await FileOrRenderAsync(db, generation, generation.Tracks[0], wanted, renderer, cancellationToken) is { } file
            ? new BlobFileResult(store, file.StorageKey, file.ContentType, file.SizeBytes, null)
            : NotRenderable(generation, wanted);
    }

    public static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> Stems(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, TrackFileRenderer renderer, IBlobStore store, CancellationToken cancellationToken)
    {
        var generation = await FindAsync(id, principal, db, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        var track = generation.Tracks[0];
        var stored = track.Files.Where(f => f.Kind == TrackFileKind.Stem).ToList();
        if (stored.Count < TrackFileRequest.StemNames.Count)
        {
            if (!TrackFileRenderer.CanRender(generation))
            {
                return NotRenderable(generation, TrackFileRequest.Stem(generation, default));
            }

            stored = [.. await renderer.EnsureStemsAsync(db, generation, track, cancellationToken)];
        }

        // A temporary file rather than memory: four stems of a ten-minute WAV track are hundreds of megabytes.
        var zip = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var stem in stored.OrderBy(f => TrackFileRequest.StemNames.ToList().IndexOf(f.Name)))
                {
                    await using var blob = await store.OpenReadAsync(stem.StorageKey, null, cancellationToken)
                        ?? throw new InvalidOperationException($"Stem '{stem.StorageKey}' of track {track.Id} is recorded but missing from storage.");
                    var entry = archive.CreateEntry(TrackFileLinks.FileName(generation, track, stem), CompressionLevel.Fastest);
                    await using var target = entry.Open();
                    await blob.Content.CopyToAsync(target, cancellationToken);
                }
            }

            zip.Position = 0;
            return TypedResults.File(zip, "application/zip", TrackFileLinks.StemsFileName(generation, track));
        }
        catch
        {
            await zip.DisposeAsync();
            throw;
        }
    }

    public static async Task<Results<BlobFileResult, NotFound, ProblemHttpResult>> Midi(
        Guid id, ClaimsPrincipal principal, MusicDbContext db, TrackFileRenderer renderer, IBlobStore store, CancellationToken cancellationToken)
    {
        var generation = await FindAsync(id, principal, db, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound();
        }

        var track = generation.Tracks[0];
        var wanted = TrackFileRequest.Midi(generation);
        return await FileOrRenderAsync(db, generation, track, wanted, renderer, cancellationToken) is { } file
            ? new BlobFileResult(store, file.StorageKey, file.ContentType, file.SizeBytes, TrackFileLinks.FileName(generation, track, file))
            : NotRenderable(generation, wanted);
    }

    /// <summary>The owner's generation holding track <paramref name="id"/>, with that one track and its files; null for anyone else.</summary>
    private static Task<Generation?> FindAsync(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        return db.Generations.AsNoTracking()
            .Where(g => g.UserId == userId && g.Tracks.Any(t => t.Id == id))
            .Include(g => g.Tracks.Where(t => t.Id == id)).ThenInclude(t => t.Files)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<TrackFile?> FileOrRenderAsync(MusicDbContext db, Generation generation, Track track, TrackFileRequest wanted, TrackFileRenderer renderer, CancellationToken cancellationToken)
    {
        if (track.Files.FirstOrDefault(f => f.Kind == wanted.Kind && f.Name == wanted.Name) is { } stored)
        {
            return stored;
        }

        return TrackFileRenderer.CanRender(generation) ? await renderer.EnsureAsync(db, generation, track, wanted, cancellationToken) : null;
    }

    private static ProblemHttpResult NotRenderable(Generation generation, TrackFileRequest wanted) => FieldProblem.Create(
        StatusCodes.Status409Conflict,
        "This file was not stored and cannot be made again.",
        "format",
        $"The track was made by provider '{generation.Provider}', whose audio exists only in the formats it was stored in; only the local engine renders other formats, stems and MIDI on request. It has no {wanted.Kind.ToString().ToLowerInvariant()} file '{wanted.Name}'.");
}
