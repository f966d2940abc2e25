using MusicGen.Core.Data;

namespace MusicGen.MigrationService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBasicServiceDefaults();
        builder.AddMusicDb();
        builder.Services.AddScoped<MusicDbMigrator>();
        builder.Services.AddHostedService<MigrationWorker>();
    }
}
