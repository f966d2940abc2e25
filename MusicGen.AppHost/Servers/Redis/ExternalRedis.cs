using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Redis;

/// <summary>A configured Redis: healthy when it answers PING.</summary>
public sealed class ExternalRedis(string key, string connectionString) : ServerRuntime
{
    private readonly (string Host, int Port, string? Password) _endpoint = ConnectionStrings.ParseRedis(key, connectionString);

    public override ServerMode Mode => ServerMode.External;

    public override string ConnectionString => connectionString;

    public override string Endpoint => $"redis://{_endpoint.Host}:{_endpoint.Port}";

    // TLS endpoints (ssl=true) cannot be PINGed in plain text: a TCP connect is the check there.
    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        connectionString.Contains("ssl=true", StringComparison.OrdinalIgnoreCase)
            ? Probes.TcpAsync(_endpoint.Host, _endpoint.Port, cancellationToken)
            : Probes.RedisPingAsync(_endpoint.Host, _endpoint.Port, _endpoint.Password, cancellationToken);
}
