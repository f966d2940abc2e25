using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Publishing;

namespace MusicGen.AppHost.Servers.Postgres;

/// <summary>A database on the Postgres server (<c>ConnectionStrings__musicdb</c>); ready when its server is and it exists.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server) : IResourceWithConnectionString, IResourceWithReadiness
{
    public string Name { get; } = name;

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    public ResourceState State => Server.State;

    public string ConnectionString => Server.Runtime switch
    {
        IDatabaseServerRuntime databases => databases.ConnectionStringFor(this),
        _ => throw new InvalidOperationException($"'{Server.Name}' cannot host databases."),
    };

    public string ManifestConnectionString => $"{{{Server.Name}.connectionString}};Database={DatabaseName}";

    internal void WriteManifest(ManifestWriter writer) => writer.Value(Name, ManifestConnectionString);
}

/// <summary>A server runtime that hands out one connection string per database.</summary>
public interface IDatabaseServerRuntime
{
    string ConnectionStringFor(PostgresDatabaseResource database);
}
