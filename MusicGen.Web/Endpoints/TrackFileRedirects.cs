using Microsoft.AspNetCore.Http.HttpResults;
using MusicGen.Contracts;

namespace MusicGen.Web.Endpoints;

/// <summary>
/// Downloads and players: the Web asks the API (with the person's token) for a short-lived signed URL and
/// redirects the browser there, so audio flows from storage to the browser, never through the Web.
/// </summary>
public static class TrackFileRedirects
{
    public static void MapTrackFileRedirects(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files/tracks/{id:guid}").RequireAuthorization();
        files.MapGet("/audio", (Guid id, string? format, MusicGenClient client, HttpContext context) =>
            Redirect(client.GetTrackDownloadUrlAsync(id, string.IsNullOrWhiteSpace(format) ? "mp3" : format, context.RequestAborted)));
        files.MapGet("/stems", (Guid id, MusicGenClient client, HttpContext context) => Redirect(client.GetTrackStemsUrlAsync(id, context.RequestAborted)));
        files.MapGet("/midi", (Guid id, MusicGenClient client, HttpContext context) => Redirect(client.GetTrackMidiUrlAsync(id, context.RequestAborted)));
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> Redirect(Task<Uri?> target) =>
        await target is { } url ? TypedResults.Redirect(url.ToString()) : TypedResults.NotFound();
}
