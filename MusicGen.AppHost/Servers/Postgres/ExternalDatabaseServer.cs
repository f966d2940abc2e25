using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Postgres;

/// <summary>
/// A configured database: <c>ConnectionStrings:{database}</c> is used as given; otherwise the server's
/// <c>ConnectionStrings:postgres</c> plus <c>;Database={name}</c>. Healthy when the host accepts TCP connections.
/// </summary>
public sealed class ExternalDatabaseServer(string serverKey, string? serverConnectionString, IReadOnlyList<PostgresDatabaseResource> databases, ServerContext context)
    : ServerRuntime, IDatabaseServerRuntime
{
    private readonly List<(string Host, int Port)> _endpoints = Validate(serverKey, serverConnectionString, databases, context);

    public override ServerMode Mode => ServerMode.External;

    public override string ConnectionString => serverConnectionString ?? ConnectionStringFor(databases[0]);

    public override string Endpoint => _endpoints.Count == 0 ? "sqlite (configured)" : string.Join(", ", _endpoints.Select(e => $"tcp://{e.Host}:{e.Port}"));

    public string ConnectionStringFor(PostgresDatabaseResource database) =>
        context.Configuration[$"ConnectionStrings:{database.Name}"] is { Length: > 0 } own
            ? own
            : $"{serverConnectionString};Database={database.DatabaseName}";

    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var (host, port) in _endpoints)
        {
            if (!await Probes.TcpAsync(host, port, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(string, int)> Validate(string serverKey, string? server, IReadOnlyList<PostgresDatabaseResource> databases, ServerContext context)
    {
        var endpoints = new List<(string, int)>();
        if (!string.IsNullOrWhiteSpace(server) && ConnectionStrings.ParseDatabase(serverKey, server) is { } serverEndpoint)
        {
            endpoints.Add(serverEndpoint);
        }

        foreach (var database in databases)
        {
            var key = $"ConnectionStrings:{database.Name}";
            if (context.Configuration[key] is { Length: > 0 } own && ConnectionStrings.ParseDatabase(key, own) is { } endpoint)
            {
                endpoints.Add(endpoint);
            }
        }

        return endpoints.Distinct().ToList();
    }
}
