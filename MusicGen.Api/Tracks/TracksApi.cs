using System.Security.Claims;
using MusicGen.Api.Accounts;
using MusicGen.Api.Generations;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
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
        return api;
    }

    public static async Task<Results<Ok<TrackResponse>, NotFound>> Get(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var track = await db.Tracks.AsNoTracking().Include(t => t.Files)
            .Where(t => t.Id == id && db.Generations.Any(g => g.Id == t.GenerationId && g.UserId == userId))
            .SingleOrDefaultAsync(cancellationToken);
        return track is null ? TypedResults.NotFound() : TypedResults.Ok(track.ToResponse());
    }
}
