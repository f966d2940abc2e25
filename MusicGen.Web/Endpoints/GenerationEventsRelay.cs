using MusicGen.Contracts;

namespace MusicGen.Web.Endpoints;

public static class GenerationEventsRelay
{
    /// <summary>
    /// GET /live/generations/{id}/events: the API's Server-Sent Events, relayed with the signed-in person's
    /// token (which the browser never sees). The browser's EventSource reconnects on its own if this ends early.
    /// </summary>
    public static void MapGenerationEventsRelay(this IEndpointRouteBuilder app) =>
        app.MapGet("/live/generations/{id:guid}/events", Relay).RequireAuthorization();

    private static async Task Relay(Guid id, HttpContext context, MusicGenClient client)
    {
        using var upstream = await client.OpenGenerationEventsAsync(id, context.RequestAborted);
        if (upstream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await using var stream = await upstream.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
