using MusicGen.Core.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class CacheHealthCheckExtensions
{
    /// <summary>
    /// Adds a <c>cache</c> health check that PINGs the Redis server named by <c>ConnectionStrings:cache</c>.
    /// Throws at startup, with what to fix, when the string is missing or malformed.
    /// </summary>
    public static IHostApplicationBuilder AddCacheHealthCheck(this IHostApplicationBuilder builder)
    {
        var endpoint = CacheEndpoint.Parse(builder.Configuration.GetConnectionString(CacheEndpoint.ConnectionName));
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddHealthChecks().AddCheck<CacheHealthCheck>(CacheEndpoint.ConnectionName, tags: ["ready"]);
        return builder;
    }
}
