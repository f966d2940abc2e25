using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using MusicGen.ServiceDefaults.Resilience;

namespace Microsoft.Extensions.Hosting;

public static class ResilienceExtensions
{
    /// <summary>
    /// Adds the standard resilience handler (rate limiter, total timeout, retry, circuit breaker, attempt
    /// timeout) with Microsoft.Extensions.Http.Resilience's defaults. Settings come from the
    /// <c>HttpStandardResilience</c> configuration section for every client, then from
    /// <paramref name="configure"/> for this client (for all clients inside ConfigureHttpClientDefaults).
    /// </summary>
    public static IHttpClientBuilder AddStandardResilienceHandler(
        this IHttpClientBuilder builder,
        Action<HttpStandardResilienceOptions>? configure = null)
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(StandardResiliencePipelines)))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<StandardResiliencePipelines>();
            services.AddSingleton<IConfigureOptions<HttpStandardResilienceOptions>>(provider =>
                new ConfigureNamedOptions<HttpStandardResilienceOptions>(null, options =>
                    provider.GetRequiredService<IConfiguration>().GetSection(HttpStandardResilienceOptions.SectionName).Bind(options)));
            services.AddSingleton<IValidateOptions<HttpStandardResilienceOptions>>(new DataAnnotationValidateOptions<HttpStandardResilienceOptions>(null));
            services.AddSingleton<IValidateOptions<HttpStandardResilienceOptions>, HttpStandardResilienceOptionsValidator>();
            services.AddOptions<HttpStandardResilienceOptions>().ValidateOnStart();
        }

        if (configure is not null)
        {
            services.Configure(builder.Name, configure);
        }

        services.Configure<HttpClientFactoryOptions>(builder.Name, factory => factory.HttpMessageHandlerBuilderActions.Add(handlers =>
        {
            var pipelines = handlers.Services.GetRequiredService<StandardResiliencePipelines>();
            handlers.AdditionalHandlers.Add(new StandardResilienceHandler(pipelines.Get(handlers.Name ?? string.Empty)));
        }));

        return builder;
    }
}
