using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers.Postgres;

/// <summary>No Postgres on the machine: each database is a SQLite file under .musicgen/.</summary>
public sealed class EmbeddedSqlite(ServerContext context) : ServerRuntime, IDatabaseServerRuntime
{
    public override ServerMode Mode => ServerMode.Embedded;

    public override string ConnectionString => $"Data Source={context.DataPath("sqlite")}";

    public override string Endpoint => "sqlite: " + context.DataPath("sqlite");

    public string ConnectionStringFor(PostgresDatabaseResource database) =>
        $"Data Source={context.DataPath("sqlite", database.DatabaseName + ".db")}";

    public override Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.DataPath("sqlite"));
        return Task.CompletedTask;
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(Directory.Exists(context.DataPath("sqlite")));
}
