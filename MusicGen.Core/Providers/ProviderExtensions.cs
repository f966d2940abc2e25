using MusicGen.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class ProviderExtensions
{
    /// <summary>
    /// The provider router and the providers this server has: <c>local</c> (MusicGen.Engine) always.
    /// Hosted providers register further <see cref="IMusicProvider"/>s; the last registration of a name wins.
    /// </summary>
    public static IHostApplicationBuilder AddMusicProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProviderRouterOptions>().BindConfiguration(ProviderRouterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LocalEngineOptions>().BindConfiguration(LocalEngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IMusicProvider, LocalEngineProvider>();
        builder.Services.AddSingleton<ProviderRouter>();
        return builder;
    }
}
