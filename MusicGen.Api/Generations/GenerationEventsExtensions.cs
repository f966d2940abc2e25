using MusicGen.Api.Generations;

namespace Microsoft.Extensions.Hosting;

public static class GenerationEventsExtensions
{
    /// <summary>The shared pub/sub hub behind the SSE endpoint, and its pacing options.</summary>
    public static IHostApplicationBuilder AddGenerationEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenerationEventsOptions>().BindConfiguration(GenerationEventsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GenerationEventHub>();
        return builder;
    }
}
