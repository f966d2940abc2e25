using System.Security.Claims;
using MusicGen.Api.Accounts;
using MusicGen.Api.Generations;
using MusicGen.Api.Tracks;
using MusicGen.Contracts.Generations;
using MusicGen.Contracts.Seed;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Seed;

/// <summary>
/// The earlier service's endpoints with their exact shapes (<c>{success, data, message}</c>), so its
/// clients work unchanged. They run on the same submit path as <c>/api/v1/generations</c>.
/// </summary>
public static class MusicGeneratorApi
{
    public static RouteGroupBuilder MapMusicGeneratorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/music-generator").WithTags("Compatibility").RequireAuthorization();
        api.MapPost("/generate", Generate).RequireRateLimiting(GenerationsApi.SubmitRateLimitPolicy)
            .WithName("SeedGenerate").WithSummary("Start a generation (compatibility)")
            .WithDescription("The earlier service's submit: answers {success, data: {musicId, status: GENERATING, …}, message}.");
        api.MapGet("/status/{musicId}", Status).WithName("SeedStatus").WithSummary("Generation status (compatibility)")
            .WithDescription("status is GENERATING, COMPLETED or FAILED; audioUrl is set once COMPLETED.");
        api.MapGet("/download/{musicId}", Download).WithName("SeedDownload").WithSummary("Download the audio (compatibility)")
            .WithDescription("Redirects to a short-lived link to the first track's audio once the generation is COMPLETED.");
        return api;
    }

    public static async Task<Results<Ok<SeedEnvelope<SeedMusic>>, BadRequest<SeedEnvelope<SeedMusic>>, JsonHttpResult<SeedEnvelope<SeedMusic>>>> Generate(
        SeedGenerateRequest request, ClaimsPrincipal principal, GenerationSubmitter submitter, CancellationToken cancellationToken)
    {
        var create = new CreateGenerationRequest { Name = request.Name, Prompt = request.Prompt, LengthMs = request.LengthMs ?? 30_000 };
        var errors = GenerationRequestValidator.Validate(create);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(new SeedEnvelope<SeedMusic>(false, null, string.Join(" ", errors.Values.SelectMany(e => e))));
        }

        return await submitter.SubmitAsync(principal.GetUserId(), create, null, cancellationToken) switch
        {
            SubmitOutcome.Accepted accepted => TypedResults.Ok(new SeedEnvelope<SeedMusic>(true, ToSeed(accepted.Generation), "Music generation started")),
            SubmitOutcome.QuotaExceeded => TypedResults.Json(new SeedEnvelope<SeedMusic>(false, null, "Monthly audio quota exceeded."), statusCode: StatusCodes.Status429TooManyRequests),
            _ => TypedResults.Json(new SeedEnvelope<SeedMusic>(false, null, "Unknown user; sign in again."), statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    public static async Task<Results<Ok<SeedEnvelope<SeedMusic>>, NotFound<SeedEnvelope<SeedMusic>>>> Status(
        string musicId, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var generation = await FindAsync(musicId, principal, db, cancellationToken);
        return generation is null
            ? TypedResults.NotFound(new SeedEnvelope<SeedMusic>(false, null, "Music not found"))
            : TypedResults.Ok(new SeedEnvelope<SeedMusic>(true, ToSeed(generation), $"Music is {SeedStatus(generation.Status)}"));
    }

    public static async Task<Results<RedirectHttpResult, NotFound<SeedEnvelope<SeedMusic>>, Conflict<SeedEnvelope<SeedMusic>>>> Download(
        string musicId, ClaimsPrincipal principal, MusicDbContext db, TrackFileLinks links, CancellationToken cancellationToken)
    {
        var generation = await FindAsync(musicId, principal, db, cancellationToken);
        if (generation is null)
        {
            return TypedResults.NotFound(new SeedEnvelope<SeedMusic>(false, null, "Music not found"));
        }

        // Straight to the file link (no sign-in needed), not to /download: clients drop Authorization on redirects.
        return generation.Status == GenerationStatus.Completed && PrimaryAudio(generation) is (var track, var file)
            ? TypedResults.Redirect(links.For(generation, track, file))
            : TypedResults.Conflict(new SeedEnvelope<SeedMusic>(false, ToSeed(generation), "Music is not ready yet"));
    }

    private static async Task<Generation?> FindAsync(string musicId, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(musicId, out var id))
        {
            return null;
        }

        var userId = principal.GetUserId();
        return await db.Generations.AsNoTracking().Include(g => g.Tracks).ThenInclude(t => t.Files)
            .SingleOrDefaultAsync(g => g.Id == id && g.UserId == userId, cancellationToken);
    }

    private static SeedMusic ToSeed(Generation g) => new(g.Id.ToString(), SeedStatus(g.Status), AudioUrl(g), g.LengthMs, g.CreatedAt, g.UpdatedAt);

    private static string SeedStatus(GenerationStatus status) => status switch
    {
        GenerationStatus.Completed => "COMPLETED",
        GenerationStatus.Failed or GenerationStatus.Canceled => "FAILED",
        _ => "GENERATING",
    };

    private static string? AudioUrl(Generation g) =>
        g.Status == GenerationStatus.Completed && PrimaryAudio(g) is (var track, var file)
            ? $"/api/v1/tracks/{track.Id}/download?format={Uri.EscapeDataString(file.Name)}"
            : null;

    /// <summary>The first track's audio in the generation's own format (other formats may have been rendered since).</summary>
    private static (Track Track, TrackFile File)? PrimaryAudio(Generation g)
    {
        var primary = TrackFileRequest.Primary(g);
        return g.Tracks.OrderBy(t => t.VariantIndex)
            .Select(t => (Track: t, File: t.Files.Where(f => f.Kind == TrackFileKind.Audio).OrderBy(f => f.Name == primary.Name ? 0 : 1).FirstOrDefault()))
            .Where(p => p.File is not null)
            .Select(p => ((Track, TrackFile)?)(p.Track, p.File!))
            .FirstOrDefault();
    }
}
