using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Generations;

/// <summary>
/// The Server-Sent Events stream of one generation: the current state first (cache, else database), then
/// every event the Worker publishes, until a terminal status. Subscribing happens before the first read,
/// so nothing between the two is missed. Without Redis the stream polls. Heartbeat comments keep proxies open.
/// </summary>
public sealed class GenerationEventStream(Guid generationId, Guid userId) : IResult
{
    public const string EventType = "status";
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<GenerationEventsOptions>>().Value;
        var hub = services.GetRequiredService<GenerationEventHub>();
        var time = services.GetRequiredService<TimeProvider>();
        var cancellationToken = httpContext.RequestAborted;

        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var events = Channel.CreateBounded<GenerationEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        await using var subscription = await hub.SubscribeAsync(generationId, e => events.Writer.TryWrite(e), cancellationToken);
        var live = subscription is not null;

        var last = await ReadAsync(services, cancellationToken);
        if (last is null)
        {
            return;
        }

        await WriteAsync(response, last, cancellationToken);
        var heartbeatEvery = TimeSpan.FromSeconds(options.HeartbeatSeconds);
        var checkEvery = TimeSpan.FromSeconds(live ? options.SafetyCheckSeconds : options.PollSeconds);
        var nextHeartbeat = time.GetUtcNow() + heartbeatEvery;
        var nextCheck = time.GetUtcNow() + checkEvery;
        while (!IsTerminal(last) && !cancellationToken.IsCancellationRequested)
        {
            var wait = (nextHeartbeat < nextCheck ? nextHeartbeat : nextCheck) - time.GetUtcNow();
            using (var waitTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                waitTimeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                try
                {
                    await events.Reader.WaitToReadAsync(waitTimeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            while (!IsTerminal(last) && events.Reader.TryRead(out var next))
            {
                if (next.Id == generationId && next != last)
                {
                    await WriteAsync(response, next, cancellationToken);
                    last = next;
                }
            }

            var now = time.GetUtcNow();
            if (!IsTerminal(last) && now >= nextCheck)
            {
                nextCheck = now + checkEvery;
                var current = await ReadAsync(services, cancellationToken);
                if (current is null)
                {
                    return;
                }

                // Live events run ahead of the throttled database writes: there a read only matters when it shows
                // the end (its event was missed); without live events every change counts.
                if (current != last && (!live || IsTerminal(current)))
                {
                    await WriteAsync(response, current, cancellationToken);
                    last = current;
                }
            }

            if (!IsTerminal(last) && now >= nextHeartbeat)
            {
                nextHeartbeat = now + heartbeatEvery;
                await response.Body.WriteAsync(Heartbeat, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
    }

    private static bool IsTerminal(GenerationEvent e) => e.Status is "Completed" or "Failed" or "Canceled";

    /// <summary>The generation's state from the status cache, else the database; null once it is gone (deleted).</summary>
    private async Task<GenerationEvent?> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<GenerationStatusCache>().GetAsync(generationId, userId, cancellationToken) is { } cached)
        {
            return new GenerationEvent(cached.Id, cached.Status, cached.Stage, cached.Progress, cached.ErrorCode, cached.ErrorMessage);
        }

        // A scope per read: the request's DbContext must not be held for the stream's lifetime.
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var generation = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().Generations.AsNoTracking()
            .SingleOrDefaultAsync(g => g.Id == generationId && g.UserId == userId, cancellationToken);
        return generation?.ToEvent();
    }

    private static async Task WriteAsync(HttpResponse response, GenerationEvent generationEvent, CancellationToken cancellationToken)
    {
        var text = $"event: {EventType}\ndata: {JsonSerializer.Serialize(generationEvent, JsonSerializerOptions.Web)}\n\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
