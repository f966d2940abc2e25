using MusicGen.Core.Queueing;
using MusicGen.Worker.Generations;
using MusicGen.Worker.Maintenance;
using MusicGen.Worker.Observability;

namespace Microsoft.Extensions.Hosting;

internal static class Extensions
{
    /// <summary>
    /// The Worker's dependencies and duties: the database, Redis (queue, pub/sub, leases), the blob store,
    /// the provider router, the <c>generation</c> queue consumer, and the maintenance services (reconciler,
    /// retention, orphan sweep, usage roll-up, outbox relay, webhook delivery), each of which one replica at a time runs under a Redis lease.
    /// Its health (served over HTTP so the AppHost and orchestrators can probe it) includes the database and Redis.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddMusicDb();
        builder.AddCacheHealthCheck();
        builder.AddGenerationQueue();
        builder.AddBlobStore();
        builder.AddMusicProviders();
        builder.AddGenerationConsumer();
        builder.AddMaintenance();
        builder.AddWebhookDelivery();
    }

    private static void AddGenerationConsumer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GenerationEventPublisher>();
        builder.Services.AddSingleton<TrackUploader>();
        builder.Services.AddScoped<GenerationStates>();
        builder.Services.AddSingleton<GenerationProcessor>();
        builder.Services.AddHostedService<GenerationConsumer>();
        builder.Services.AddHostedService<QueueDepthSampler>();
    }

    private static void AddMaintenance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<GenerationReconciler>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddHostedService<OrphanBlobSweeper>();
        builder.Services.AddHostedService<UsageRollup>();
    }
}
