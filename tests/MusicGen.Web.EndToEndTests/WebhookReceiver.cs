using System.Collections.Concurrent;
using System.Net;
using MusicGen.Testing;

namespace MusicGen.Web.EndToEndTests;

/// <summary>A webhook endpoint hosted by the test on loopback: answers 200 and keeps what it received.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}/hooks/musicgen/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(string? Signature, string? Event, string Body)> Received { get; } = new();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((context.Request.Headers["MusicGen-Signature"], context.Request.Headers["MusicGen-Event"], body));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
