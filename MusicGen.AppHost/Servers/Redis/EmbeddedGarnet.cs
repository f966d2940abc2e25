using System.Globalization;
using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Redis;

/// <summary>
/// Garnet, Microsoft's Redis-compatible server, from the repository's tool manifest (dotnet-tools.json), so a
/// machine with only the .NET SDK still gets a real RESP server. <c>--lua</c> because the job queue runs scripts, and
/// <c>--lua-transaction-mode</c> because only then does Garnet run a script atomically (as Redis always does).
/// </summary>
public sealed class EmbeddedGarnet(int port, ServerContext context) : ServerRuntime
{
    public override ServerMode Mode => ServerMode.Embedded;

    public override string ConnectionString => $"127.0.0.1:{port},abortConnect=false";

    public override string Endpoint => $"redis://127.0.0.1:{port} (garnet)";

    public override int? ListenPort => port;

    public override ProcessSpec Process => new(DotnetHost.Path,
        ["tool", "run", "garnet-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua", "--lua-transaction-mode"],
        context.Environment.RepositoryRoot);

    /// <summary>Restores the tool (a ~116 MB download the first time; instant afterwards).</summary>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var (code, output) = await CommandRunner.RunAsync(DotnetHost.Path, ["tool", "restore"], cancellationToken, context.Environment.RepositoryRoot);
        if (code != 0)
        {
            throw new AppHostConfigurationException(
                $"cannot restore garnet-server (the embedded Redis) with 'dotnet tool restore': {FirstLine(output)} — check NuGet access, or install redis-server.");
        }
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        Probes.RedisPingAsync("127.0.0.1", port, null, cancellationToken);

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no output";
}
