using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MusicGen.ServiceDefaults.ServiceDiscovery;

namespace Microsoft.Extensions.Hosting;

public static class ServiceDiscoveryExtensions
{
    /// <summary>Registers the configuration-based endpoint resolver (<c>services:{name}:{scheme}:{index}</c>).</summary>
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        services.TryAddSingleton<ServiceEndpointResolver>();
        services.TryAddTransient<ServiceDiscoveryHandler>();
        return services;
    }

    /// <summary>Resolves logical URIs such as <c>https+http://api</c> for this client (or all clients, from ConfigureHttpClientDefaults).</summary>
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        return builder.AddHttpMessageHandler<ServiceDiscoveryHandler>();
    }
}
