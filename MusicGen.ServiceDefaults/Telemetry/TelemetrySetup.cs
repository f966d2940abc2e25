using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MusicGen.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    public static bool IsOtlpExportEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static void DescribeService(ResourceBuilder resource, IConfiguration configuration, IHostEnvironment environment)
    {
        // OTEL_SERVICE_NAME (set by the AppHost) wins through the default detectors; without it the
        // application name beats the SDK's "unknown_service".
        if (string.IsNullOrWhiteSpace(configuration[ServiceNameKey]))
        {
            resource.AddService(environment.ApplicationName);
        }
    }

    /// <summary>
    /// Builds the tracer and meter providers. OpenTelemetry.Extensions.Hosting would host them in the
    /// application's container; without it the SDK gets its own container, handed the application's
    /// configuration so OTEL_* settings from appsettings and the command line count too.
    /// </summary>
    public static OpenTelemetrySdk CreateSdk(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        return OpenTelemetrySdk.Create(otel =>
        {
            otel.Services.AddSingleton(configuration);
            otel.ConfigureResource(resource => DescribeService(resource, configuration, environment));
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(environment.ApplicationName).AddSource([.. options.ActivitySources]);
                if (environment.IsDevelopment())
                {
                    tracing.SetSampler(new AlwaysOnSampler());
                }
            });
            otel.WithMetrics(metrics => metrics.AddMeter([.. options.Meters]));
            if (IsOtlpExportEnabled(configuration))
            {
                otel.UseOtlpExporter();
            }
        });
    }
}
