using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Publishing;

namespace MusicGen.AppHost.Servers.Postgres;

/// <summary>
/// The database server. External when <c>ConnectionStrings:postgres</c> or a database's own connection string
/// is configured; local when Postgres binaries are installed; embedded (SQLite, one file per database) otherwise.
/// </summary>
public sealed class PostgresServerResource(string name, int port) : ServerResource(name, port)
{
    internal List<PostgresDatabaseResource> Databases { get; } = [];

    public override string Kind => "postgres";

    public override string ManifestConnectionString =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username=postgres;Password={{{PasswordParameter}.value}}";

    private string PasswordParameter => $"{Name}-password";

    protected override string ExternalRequirement => $"neither ConnectionStrings:{Name} nor ConnectionStrings:<database> is set";

    protected override string LocalRequirement => "initdb is not on PATH nor in /usr/lib/postgresql/*/bin: apt-get install postgresql";

    protected override ServerRuntime? External(ServerContext context)
    {
        var serverKey = $"ConnectionStrings:{Name}";
        var configured = context.Configuration[serverKey];
        var databaseConfigured = Databases.Any(d => !string.IsNullOrWhiteSpace(context.Configuration[$"ConnectionStrings:{d.Name}"]));
        return string.IsNullOrWhiteSpace(configured) && !databaseConfigured
            ? null
            : new ExternalDatabaseServer(serverKey, configured, Databases, context);
    }

    protected override ServerRuntime? Local(ServerContext context)
    {
        if (context.Executables.Find("initdb") is not { } initdb)
        {
            return null;
        }

        // Resolve links (e.g. /usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb): the sibling tools live there.
        var binDirectory = Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb)!;
        var password = context.Parameters.Get(PasswordParameter, 22);
        return new LocalPostgres(binDirectory, Port, password, context, Databases.Select(d => d.DatabaseName).ToList());
    }

    protected override ServerRuntime Embedded(ServerContext context) => new EmbeddedSqlite(context);

    internal override void WriteManifest(ManifestWriter writer)
    {
        writer.Parameter(PasswordParameter, secret: true, generateLength: 22);
        writer.Container(
            Name,
            image: "docker.io/library/postgres:17.6",
            connectionString: ManifestConnectionString,
            env: new Dictionary<string, string>
            {
                ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
                ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                ["POSTGRES_USER"] = "postgres",
                ["POSTGRES_PASSWORD"] = $"{{{PasswordParameter}.value}}",
            },
            bindingScheme: "tcp",
            targetPort: 5432,
            volume: ($"{Name}-data", "/var/lib/postgresql/data"));
    }
}
