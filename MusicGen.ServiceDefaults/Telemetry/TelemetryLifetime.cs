using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MusicGen.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the SDK's lifetime in place of OpenTelemetry.Extensions.Hosting: being constructed as a hosted
/// service builds the SDK (its listeners) before the server takes traffic; stopping flushes what the
/// batch processors still hold, and the container disposes the SDK afterwards.
/// </summary>
internal sealed class TelemetryLifetime(OpenTelemetrySdk sdk) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sdk.TracerProvider.ForceFlush();
        sdk.MeterProvider.ForceFlush();
        return Task.CompletedTask;
    }
}
