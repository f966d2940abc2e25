using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MusicGen.Api.Tests.Webhooks;

/// <summary>A real HTTP endpoint on a loopback port that records what it receives and answers with scripted statuses (then 200).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses;

    private WebhookReceiver(WebApplication app, int port, IEnumerable<int> statuses)
    {
        _app = app;
        Port = port;
        _statuses = new ConcurrentQueue<int>(statuses);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(int? port = null, params int[] statuses)
    {
        var chosen = port ?? MusicGen.Testing.FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{chosen}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, chosen, statuses);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(
                body,
                context.Request.Headers["MusicGen-Signature"].ToString(),
                context.Request.Headers["MusicGen-Event"].ToString(),
                context.Request.Headers["MusicGen-Delivery"].ToString(),
                context.Request.Headers.ContentType.ToString()));
            return Results.StatusCode(receiver._statuses.TryDequeue(out var status) ? status : 200);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(string Body, string Signature, string Event, string DeliveryId, string ContentType);
