using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicGen.ServiceDefaults.Telemetry;
using MusicGen.ServiceDefaults.Tests.Support;
using OpenTelemetry;

namespace MusicGen.ServiceDefaults.Tests.Telemetry;

/// <summary>Runs a service against a fake OTLP/HTTP collector and reads what reaches it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryExportTests
{
    private static readonly ActivitySource MusicGenSource = new("MusicGen.Tests.Telemetry");
    private static readonly ActivitySource ExtraSource = new("Acme.Extra");

    [Fact]
    public async Task ExportWithOtlpEndpointSendsRequestSpansButNoHealthProbes()
    {
        await using var collector = await StartCollectorAsync();

        await RunServiceAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Server.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        var traces = collector.Received("/v1/traces");
        traces.ShouldContain("GET /hello");
        traces.ShouldContain("musicgen-span");
        traces.ShouldContain("acme-span");
        traces.ShouldNotContain("/health");
        traces.ShouldNotContain("/alive");
        collector.Received("/v1/metrics").ShouldContain("http.server.request.duration");
        collector.Received("/v1/logs").ShouldContain("Application started");
    }

    [Fact]
    public async Task ExportWithoutOtlpEndpointRegistersNoExporter()
    {
        await using var collector = await StartCollectorAsync();

        // A signal-specific endpoint alone must not enable export: only OTEL_EXPORTER_OTLP_ENDPOINT does.
        await RunServiceAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(collector.Server.Address, "/v1/traces").ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        collector.Requests.ShouldBeEmpty();
    }

    private static async Task RunServiceAsync(Dictionary<string, string?> settings)
    {
        await using var service = await LocalServer.StartAsync(
            app =>
            {
                app.MapDefaultEndpoints();
                app.MapGet("/hello", () =>
                {
                    using (MusicGenSource.StartActivity("musicgen-span"))
                    using (ExtraSource.StartActivity("acme-span"))
                    {
                        return "hello";
                    }
                });
            },
            builder =>
            {
                builder.Environment.EnvironmentName = Environments.Development;
                builder.Configuration.AddInMemoryCollection(settings);
                builder.AddServiceDefaults();
                builder.Services.Configure<TelemetryOptions>(o => o.ActivitySources.Add("Acme.Extra"));
            });
        using var client = new HttpClient { BaseAddress = service.Address };

        // The test's own client spans share this process's listeners; keep them out of what is asserted.
        using var suppress = SuppressInstrumentationScope.Begin();
        foreach (var path in new[] { "/health", "/alive", "/hello" })
        {
            (await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        // Stopping flushes what the batch processors still hold.
        await service.StopAsync();
    }

    private static async Task<Collector> StartCollectorAsync()
    {
        var requests = new ConcurrentQueue<(string Path, byte[] Body)>();
        var server = await LocalServer.StartAsync(app => app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            requests.Enqueue((request.Path.Value!, body.ToArray()));
            return Results.Ok();
        }));
        return new Collector(server, requests);
    }

    private sealed record Collector(LocalServer Server, ConcurrentQueue<(string Path, byte[] Body)> Requests) : IAsyncDisposable
    {
        // OTLP protobuf carries strings as raw UTF-8, so span names and paths can be found as text.
        public string Received(string path) =>
            string.Join('\n', Requests.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
