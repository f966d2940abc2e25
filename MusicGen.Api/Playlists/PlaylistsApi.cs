using System.ComponentModel;
using System.Security.Claims;
using MusicGen.Api.Accounts;
using MusicGen.Api.Problems;
using MusicGen.Contracts.Playlists;
using MusicGen.Core.Data;
using MusicGen.Core.Playlists;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Api.Playlists;

/// <summary>Your playlists of your own tracks. Another user's playlist or track answers 404, as if it did not exist.</summary>
public static class PlaylistsApi
{
    /// <summary>Enough for any listening session, small enough that reordering stays one cheap request.</summary>
    public const int MaxTracks = 500;

    public static RouteGroupBuilder MapPlaylistsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/playlists").WithTags("Playlists").RequireAuthorization();
        api.MapPost("/", Create).WithName("CreatePlaylist").WithSummary("Create a playlist")
            .WithDescription("Creates an empty playlist with a name and an optional description.");
        api.MapGet("/", List).WithName("ListPlaylists").WithSummary("List your playlists")
            .WithDescription("Most recently changed first, paged, with track counts and total durations.");
        api.MapGet("/{id:guid}", Get).WithName("GetPlaylist").WithSummary("Get a playlist with its tracks")
            .WithDescription("The tracks in order, each with its title, duration, generation and stream URL.");
        api.MapPut("/{id:guid}", Update).WithName("UpdatePlaylist").WithSummary("Rename a playlist")
            .WithDescription("Replaces the name and the description.");
        api.MapDelete("/{id:guid}", Delete).WithName("DeletePlaylist").WithSummary("Delete a playlist")
            .WithDescription("Deletes the playlist; its tracks stay in your library.");
        api.MapPost("/{id:guid}/tracks", AddTrack).WithName("AddPlaylistTrack").WithSummary("Add one of your tracks")
            .WithDescription($"At the end, or at a 0-based position. A track can be in a playlist once; a playlist holds at most {MaxTracks} tracks.");
        api.MapDelete("/{id:guid}/tracks/{trackId:guid}", RemoveTrack).WithName("RemovePlaylistTrack").WithSummary("Remove a track")
            .WithDescription("The tracks after it move up one place.");
        api.MapPut("/{id:guid}/tracks", Reorder).WithName("ReorderPlaylist").WithSummary("Reorder all tracks")
            .WithDescription("Send every track id of the playlist exactly once, in the new order.");
        api.MapPost("/{id:guid}/tracks/{trackId:guid}/move", Move).WithName("MovePlaylistTrack").WithSummary("Move one track")
            .WithDescription("Moves the track to a 0-based position; the others close up around it.");
        return api;
    }

    public static async Task<Created<PlaylistResponse>> Create(CreatePlaylistRequest request, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var playlist = new Playlist
        {
            Id = Guid.CreateVersion7(),
            UserId = principal.GetUserId(),
            Name = request.Name.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Playlists.Add(playlist);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/playlists/{playlist.Id}", playlist.ToResponse([]));
    }

    public static async Task<Results<Ok<PlaylistPage>, ValidationProblem>> List(
        ClaimsPrincipal principal,
        MusicDbContext db,
        CancellationToken cancellationToken,
        [Description("1-based page number.")] int page = 1,
        [Description("Items per page, 1 to 100.")] int pageSize = 20)
    {
        if (Paging.Validate(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var userId = principal.GetUserId();
        var query = db.Playlists.AsNoTracking().Where(p => p.UserId == userId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new PlaylistSummary(
                p.Id,
                p.Name,
                p.Description,
                p.Items.Count,
                db.PlaylistTracks.Where(i => i.PlaylistId == p.Id).Join(db.Tracks, i => i.TrackId, t => t.Id, (i, t) => t.DurationMs).Sum(),
                p.CreatedAt,
                p.UpdatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PlaylistPage(items, page, pageSize, total));
    }

    public static async Task<Results<Ok<PlaylistResponse>, NotFound>> Get(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var playlist = await Owned(db, principal).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return playlist is null ? TypedResults.NotFound() : TypedResults.Ok(await WithItemsAsync(db, playlist, cancellationToken));
    }

    public static async Task<Results<Ok<PlaylistResponse>, NotFound>> Update(Guid id, UpdatePlaylistRequest request, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var playlist = await Owned(db, principal).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (playlist is null)
        {
            return TypedResults.NotFound();
        }

        playlist.Name = request.Name.Trim();
        playlist.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        playlist.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await WithItemsAsync(db, playlist, cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, ClaimsPrincipal principal, MusicDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await Owned(db, principal).Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PlaylistResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddTrack(
        Guid id, AddPlaylistTrackRequest request, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var playlist = await Owned(db, principal).Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (playlist is null)
        {
            return TypedResults.NotFound();
        }

        if (request.TrackId == Guid.Empty)
        {
            return FieldProblem.Invalid("trackId", "trackId is required: the id of one of your tracks.");
        }

        if (request.Position is < 0 || request.Position > playlist.Items.Count)
        {
            return FieldProblem.Invalid("position", $"position must be between 0 and {playlist.Items.Count} (the number of tracks in the playlist).");
        }

        var ownsTrack = await db.Tracks.AnyAsync(t => t.Id == request.TrackId && db.Generations.Any(g => g.Id == t.GenerationId && g.UserId == userId), cancellationToken);
        if (!ownsTrack)
        {
            return FieldProblem.Create(StatusCodes.Status404NotFound, "The track was not found.", "trackId", "No track with this id is in your library; only your own tracks can be added.");
        }

        if (playlist.Items.Any(i => i.TrackId == request.TrackId))
        {
            return FieldProblem.Create(StatusCodes.Status409Conflict, "The track is already in the playlist.", "trackId", "A track can be in a playlist once; move it instead.");
        }

        if (playlist.Items.Count >= MaxTracks)
        {
            return FieldProblem.Create(StatusCodes.Status409Conflict, "The playlist is full.", "trackId", $"A playlist holds at most {MaxTracks} tracks; remove one first or start another playlist.");
        }

        var now = time.GetUtcNow();
        var ordered = playlist.Items.OrderBy(i => i.Position).ToList();
        var item = new PlaylistTrack { PlaylistId = playlist.Id, TrackId = request.TrackId, AddedAt = now };
        ordered.Insert(request.Position ?? ordered.Count, item);
        playlist.Items.Add(item);
        Renumber(ordered);
        playlist.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await WithItemsAsync(db, playlist, cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound>> RemoveTrack(Guid id, Guid trackId, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var playlist = await Owned(db, principal).Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var item = playlist?.Items.SingleOrDefault(i => i.TrackId == trackId);
        if (playlist is null || item is null)
        {
            return TypedResults.NotFound();
        }

        playlist.Items.Remove(item);
        db.PlaylistTracks.Remove(item);
        Renumber([.. playlist.Items.OrderBy(i => i.Position)]);
        playlist.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PlaylistResponse>, NotFound, ValidationProblem>> Reorder(
        Guid id, ReorderPlaylistRequest request, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var playlist = await Owned(db, principal).Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (playlist is null)
        {
            return TypedResults.NotFound();
        }

        var wanted = request.TrackIds ?? [];
        var current = playlist.Items.ToDictionary(i => i.TrackId);
        if (wanted.Count != wanted.Distinct().Count() || wanted.Count != current.Count || !wanted.All(current.ContainsKey))
        {
            return FieldProblem.Invalid("trackIds", $"trackIds must list each of the playlist's {current.Count} track ids exactly once, in the new order.");
        }

        Renumber([.. wanted.Select(t => current[t])]);
        playlist.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await WithItemsAsync(db, playlist, cancellationToken));
    }

    public static async Task<Results<Ok<PlaylistResponse>, NotFound, ValidationProblem>> Move(
        Guid id, Guid trackId, MovePlaylistTrackRequest request, ClaimsPrincipal principal, MusicDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var playlist = await Owned(db, principal).Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var item = playlist?.Items.SingleOrDefault(i => i.TrackId == trackId);
        if (playlist is null || item is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Position < 0 || request.Position >= playlist.Items.Count)
        {
            return FieldProblem.Invalid("position", $"position must be between 0 and {playlist.Items.Count - 1}.");
        }

        var ordered = playlist.Items.OrderBy(i => i.Position).ToList();
        ordered.Remove(item);
        ordered.Insert(request.Position, item);
        Renumber(ordered);
        playlist.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await WithItemsAsync(db, playlist, cancellationToken));
    }

    private static IQueryable<Playlist> Owned(MusicDbContext db, ClaimsPrincipal principal)
    {
        var userId = principal.GetUserId();
        return db.Playlists.Where(p => p.UserId == userId);
    }

    private static void Renumber(List<PlaylistTrack> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i;
        }
    }

    private static async Task<PlaylistResponse> WithItemsAsync(MusicDbContext db, Playlist playlist, CancellationToken cancellationToken)
    {
        var items = await db.PlaylistTracks.AsNoTracking()
            .Where(i => i.PlaylistId == playlist.Id)
            .Join(db.Tracks, i => i.TrackId, t => t.Id, (i, t) => new { i.Position, i.AddedAt, t.Id, t.Title, t.DurationMs, t.GenerationId })
            .OrderBy(x => x.Position)
            .ToListAsync(cancellationToken);
        return playlist.ToResponse([.. items.Select(x => new PlaylistItemResponse(x.Id, x.Position, x.Title, x.DurationMs, x.GenerationId, StreamUrl(x.Id), x.AddedAt))]);
    }

    private static string StreamUrl(Guid trackId) => $"/api/v1/tracks/{trackId}/stream";

    private static PlaylistResponse ToResponse(this Playlist playlist, IReadOnlyList<PlaylistItemResponse> items) =>
        new(playlist.Id, playlist.Name, playlist.Description, items, playlist.CreatedAt, playlist.UpdatedAt);
}
