using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using MusicGen.Redis;
using MusicGen.Web.SharedState;

namespace Microsoft.Extensions.Hosting;

internal static class SharedStateExtensions
{
    public const string ConnectionName = "cache";
    public const string DataProtectionKey = "musicgen:web:data-protection-keys";

    /// <summary>
    /// What replicas of the Web must share: the sign-in sessions (<see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>)
    /// and the Data Protection key ring that encrypts the auth cookie. With <c>ConnectionStrings:cache</c> both live
    /// in Redis; without it, in this process (one replica; a restart signs everyone out).
    /// </summary>
    public static void AddSharedState(this IHostApplicationBuilder builder)
    {
        // A fixed name rather than the default (the content root path), so replicas installed in different folders share keys.
        builder.Services.AddDataProtection().SetApplicationName("MusicGen.Web");
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddDistributedMemoryCache();
            return;
        }

        // abortConnect=false: the Web starts while Redis is still coming up; calls wait for the connection up to their timeout.
        var options = RedisOptions.Parse(connectionString) with { AbortConnect = false };
        builder.Services.AddSingleton(_ => RedisClient.ConnectAsync(options).GetAwaiter().GetResult());
        builder.Services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache, RedisDistributedCache>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services => new ConfigureOptions<KeyManagementOptions>(
            keys => keys.XmlRepository = new RedisXmlRepository(services.GetRequiredService<RedisClient>(), DataProtectionKey)));
    }
}
