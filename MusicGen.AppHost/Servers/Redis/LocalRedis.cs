using System.Globalization;
using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Redis;

/// <summary>The machine's redis-server on loopback, append-only file under .musicgen/redis.</summary>
public sealed class LocalRedis(string executable, int port, ServerContext context) : ServerRuntime
{
    public override ServerMode Mode => ServerMode.Local;

    public override string ConnectionString => $"127.0.0.1:{port},abortConnect=false";

    public override string Endpoint => $"redis://127.0.0.1:{port}";

    public override int? ListenPort => port;

    public override ProcessSpec Process => new(executable,
    [
        "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", context.DataPath("redis"),
        "--appendonly", "yes", "--save", "", "--protected-mode", "no", "--daemonize", "no",
    ], context.Environment.RepositoryRoot);

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.DataPath("redis"));
        return Task.CompletedTask;
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        Probes.RedisPingAsync("127.0.0.1", port, null, cancellationToken);
}
