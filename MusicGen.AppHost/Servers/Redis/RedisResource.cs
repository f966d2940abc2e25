using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Publishing;

namespace MusicGen.AppHost.Servers.Redis;

/// <summary>
/// The Redis server for the job queue, pub/sub and the status cache: external (<c>ConnectionStrings:cache</c>),
/// local <c>redis-server</c>, or embedded Garnet restored through the repository's tool manifest.
/// </summary>
public sealed class RedisResource(string name, int port) : ServerResource(name, port)
{
    public override string Kind => "redis";

    public override string ManifestConnectionString =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={{{PasswordParameter}.value}}";

    private string PasswordParameter => $"{Name}-password";

    protected override ServerRuntime ChooseRuntime(ServerContext context)
    {
        var forced = context.ForcedMode(Name);
        var key = $"ConnectionStrings:{Name}";
        var configured = context.Configuration[key];
        if (forced is null or ServerMode.External && !string.IsNullOrWhiteSpace(configured))
        {
            return new ExternalRedis(key, configured);
        }

        if (forced is ServerMode.External)
        {
            throw new AppHostConfigurationException($"AppHost:Modes:{Name} is external, but {key} is not set.");
        }

        var redisServer = context.Executables.Find("redis-server");
        if (forced is null or ServerMode.Local && redisServer is not null)
        {
            return new LocalRedis(redisServer, Port, context);
        }

        if (forced is ServerMode.Local)
        {
            throw new AppHostConfigurationException($"AppHost:Modes:{Name} is local, but redis-server is not on PATH: apt-get install redis-server.");
        }

        return new EmbeddedGarnet(Port, context);
    }

    internal override void WriteManifest(ManifestWriter writer)
    {
        writer.Parameter(PasswordParameter, secret: true, generateLength: 22);
        writer.Container(
            Name,
            image: "docker.io/library/redis:7.4",
            connectionString: ManifestConnectionString,
            env: new Dictionary<string, string> { ["REDIS_PASSWORD"] = $"{{{PasswordParameter}.value}}" },
            bindingScheme: "redis",
            targetPort: 6379,
            entrypoint: "/bin/sh",
            args: ["-c", "redis-server --requirepass $REDIS_PASSWORD --appendonly yes"]);
    }
}
