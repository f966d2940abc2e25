using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MusicGen.ServiceDefaults.Telemetry;

/// <summary>
/// Starts listening before the server takes traffic; the container disposes the SDK at shutdown,
/// which flushes what is still buffered.
/// </summary>
internal sealed class TelemetryLifetime(OpenTelemetrySdk sdk) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(sdk);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sdk.TracerProvider.ForceFlush();
        sdk.MeterProvider.ForceFlush();
        return Task.CompletedTask;
    }
}
