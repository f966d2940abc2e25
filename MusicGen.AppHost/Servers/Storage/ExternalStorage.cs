using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Storage;

/// <summary>Configured storage: an S3 endpoint (healthy when it accepts TCP) or a folder (Path=…).</summary>
public sealed class ExternalStorage(string key, string connectionString) : ServerRuntime
{
    private readonly Uri? _endpoint = ConnectionStrings.ParseStorage(key, connectionString);

    public override ServerMode Mode => ServerMode.External;

    public override string ConnectionString => connectionString;

    public override string Endpoint => _endpoint?.ToString() ?? "folder (configured)";

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        _endpoint is null ? Task.FromResult(true) : Probes.TcpAsync(_endpoint.Host, _endpoint.Port, cancellationToken);
}
