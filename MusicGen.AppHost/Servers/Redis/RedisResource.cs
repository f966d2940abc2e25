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

    protected override string ExternalRequirement => $"ConnectionStrings:{Name} is not set";

    protected override string LocalRequirement => "redis-server is not on PATH: apt-get install redis-server";

    protected override ServerRuntime? External(ServerContext context) =>
        context.Configuration[$"ConnectionStrings:{Name}"] is { Length: > 0 } configured
            ? new ExternalRedis($"ConnectionStrings:{Name}", configured)
            : null;

    protected override ServerRuntime? Local(ServerContext context) =>
        context.Executables.Find("redis-server") is { } redisServer ? new LocalRedis(redisServer, Port, context) : null;

    protected override ServerRuntime Embedded(ServerContext context) => new EmbeddedGarnet(Port, context);

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
