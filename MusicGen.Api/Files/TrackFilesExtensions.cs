using MusicGen.Api.Files;
using MusicGen.Api.Generations;
using MusicGen.Api.Tracks;

namespace Microsoft.Extensions.Hosting;

public static class TrackFilesExtensions
{
    /// <summary>The blob store on <c>ConnectionStrings:storage</c>, signed file links and on-demand rendering of track files.</summary>
    public static IHostApplicationBuilder AddTrackFiles(this IHostApplicationBuilder builder)
    {
        builder.AddBlobStore();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignedFileUrls>();
        builder.Services.AddSingleton<TrackFileLinks>();
        builder.Services.AddSingleton<TrackFileRenderer>();
        builder.Services.AddSingleton<GenerationBlobs>();
        return builder;
    }
}
