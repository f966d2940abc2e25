using MusicGen.Core.Generations;
using MusicGen.Core.Health;
using MusicGen.Core.Outbox;
using MusicGen.Core.Queueing;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class GenerationQueueExtensions
{
    /// <summary>
    /// The Redis client on <c>ConnectionStrings:cache</c> (connecting in the background, so the host
    /// starts while Redis is down), the <c>generation</c> job queue, the outbox sender and its relay.
    /// </summary>
    public static IHostApplicationBuilder AddGenerationQueue(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(CacheEndpoint.ConnectionName);
        CacheEndpoint.Parse(connectionString);
        var options = RedisOptions.Parse(connectionString!) with { AbortConnect = false };
        builder.Services.AddSingleton(_ => RedisClient.ConnectAsync(options).GetAwaiter().GetResult());
        builder.Services.AddSingleton(services => new JobQueue(services.GetRequiredService<RedisClient>(), GenerationJob.QueueName));
        builder.Services.AddOptions<GenerationQueueOptions>()
            .BindConfiguration(GenerationQueueOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisGenerationQueue>();
        builder.Services.AddSingleton<IGenerationQueue>(services => services.GetRequiredService<RedisGenerationQueue>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<OutboxSender>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRelay>());
        return builder;
    }
}
