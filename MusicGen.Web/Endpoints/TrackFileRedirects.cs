using Microsoft.AspNetCore.Http.HttpResults;
using MusicGen.Contracts;

namespace MusicGen.Web.Endpoints;

/// <summary>
/// Downloads and players: the Web asks the API (with the person's token) for a short-lived signed URL and
/// redirects the browser there, so audio flows from storage to the browser, never through the Web. The
/// stems zip is the exception: the API builds it per request, so the Web passes it through.
/// </summary>
public static class TrackFileRedirects
{
    public static void MapTrackFileRedirects(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/files/tracks/{id:guid}").RequireAuthorization();
        files.MapGet("/audio", (Guid id, string? format, MusicGenClient client, HttpContext context) =>
            Redirect(client.GetTrackDownloadUrlAsync(id, format ?? "", context.RequestAborted)));
        files.MapGet("/midi", (Guid id, MusicGenClient client, HttpContext context) => Redirect(client.GetTrackMidiUrlAsync(id, context.RequestAborted)));
        files.MapGet("/stems", Stems);
    }

    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> Redirect(Task<Uri?> target)
    {
        try
        {
            return await target is { } url ? TypedResults.Redirect(url.ToString()) : TypedResults.NotFound();
        }
        catch (MusicGenApiException e) when ((int)e.StatusCode < 500)
        {
            return TypedResults.Problem(title: e.Title, detail: e.Detail, statusCode: (int)e.StatusCode);
        }
    }

    private static async Task Stems(Guid id, MusicGenClient client, HttpContext context)
    {
        using var upstream = await client.OpenTrackStemsAsync(id, context.RequestAborted);
        if (upstream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/zip";
        context.Response.ContentLength = upstream.Content.Headers.ContentLength;
        if (upstream.Content.Headers.ContentDisposition is { } disposition)
        {
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }

        await upstream.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
