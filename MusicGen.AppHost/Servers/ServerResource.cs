using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers;

/// <summary>A backing server of the graph (Postgres, Redis, object storage) provided in one of three modes.</summary>
public abstract class ServerResource(string name, int port) : IResourceWithConnectionString, IResourceWithReadiness
{
    private ServerRuntime? _runtime;

    public string Name { get; } = name;

    public int Port { get; } = port;

    public ResourceState State { get; internal set; } = ResourceState.Pending;

    public ServerRuntime Runtime => _runtime ?? throw new InvalidOperationException($"The mode of '{Name}' has not been resolved yet.");

    public string ConnectionString => Runtime.ConnectionString;

    public abstract string ManifestConnectionString { get; }

    /// <summary>A short description for the status table ("postgres 15", "garnet", "s3rver").</summary>
    public abstract string Kind { get; }

    /// <summary>Chooses external → local → embedded from configuration and what is installed.</summary>
    internal void Resolve(ServerContext context) => _runtime = ChooseRuntime(context);

    protected abstract ServerRuntime ChooseRuntime(ServerContext context);

    /// <summary>Writes this resource (and its parameters) into the Aspire manifest.</summary>
    internal abstract void WriteManifest(Publishing.ManifestWriter writer);
}
