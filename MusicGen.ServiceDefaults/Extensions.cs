using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using MusicGen.ServiceDefaults.Health;
using MusicGen.ServiceDefaults.Telemetry;
using OpenTelemetry.Logs;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The cross-cutting defaults every MusicGen service shares, with the names and behaviour of the
/// Aspire service-defaults template, built on the packages our registry copy holds.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string LiveTag = "live";

    /// <summary>Telemetry, health checks, service discovery and a standard resilience handler on every HttpClient.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddBasicServiceDefaults();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>Telemetry and health checks only, for hosts that make no outgoing HTTP calls.</summary>
    public static TBuilder AddBasicServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddDefaultHealthChecks();
        builder.ConfigureOpenTelemetry();
        return builder;
    }

    /// <summary>
    /// Logs through <c>ILoggingBuilder.AddOpenTelemetry</c>; traces and metrics through an SDK instance
    /// this host owns (sources and meters: <see cref="TelemetryOptions"/>). OTLP export is enabled only
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; the other <c>OTEL_*</c> settings apply as usual.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var configuration = builder.Configuration;
        var environment = builder.Environment;
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging =>
        {
            logging.ConfigureResource(resource => TelemetrySetup.DescribeService(resource, configuration, environment));
            if (TelemetrySetup.IsOtlpExportEnabled(configuration))
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddOptions<TelemetryOptions>();
        builder.Services.AddSingleton(services => TelemetrySetup.CreateSdk(services, configuration, environment));
        builder.Services.AddHostedService<TelemetryLifetime>();
        builder.Services.AddTransient<IStartupFilter, RequestActivityStartupFilter>();
        return builder;
    }

    /// <summary>A "self" check tagged <c>live</c>: the process answers, so it should not be restarted.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check: ready for traffic) and <c>/alive</c> (checks tagged <c>live</c>).
    /// Unlike the template they are mapped in every environment: the AppHost and deployments probe them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();

        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();

        return app;
    }
}
