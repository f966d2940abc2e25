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

    /// <summary>What a forced external mode needs, e.g. "ConnectionStrings:cache is not set".</summary>
    protected abstract string ExternalRequirement { get; }

    /// <summary>What a forced local mode needs, e.g. "redis-server is not on PATH: apt-get install redis-server".</summary>
    protected abstract string LocalRequirement { get; }

    /// <summary>
    /// Chooses external → local → embedded from configuration and what is installed, unless
    /// <c>AppHost:Modes:{name}</c> forces one (then a missing requirement is an error, not a fallback).
    /// </summary>
    internal void Resolve(ServerContext context)
    {
        var forced = context.ForcedMode(Name);
        if (forced is null or ServerMode.External && External(context) is { } external)
        {
            _runtime = external;
        }
        else if (forced is ServerMode.External)
        {
            throw new AppHostConfigurationException($"AppHost:Modes:{Name} is external, but {ExternalRequirement}.");
        }
        else if (forced is null or ServerMode.Local && Local(context) is { } local)
        {
            _runtime = local;
        }
        else if (forced is ServerMode.Local)
        {
            throw new AppHostConfigurationException($"AppHost:Modes:{Name} is local, but {LocalRequirement}.");
        }
        else
        {
            _runtime = Embedded(context);
        }
    }

    /// <summary>The configured server, or null when no connection string is configured.</summary>
    protected abstract ServerRuntime? External(ServerContext context);

    /// <summary>The installed server, or null when its binaries are not on this machine.</summary>
    protected abstract ServerRuntime? Local(ServerContext context);

    protected abstract ServerRuntime Embedded(ServerContext context);

    /// <summary>Writes this resource (and its parameters) into the Aspire manifest.</summary>
    internal abstract void WriteManifest(Publishing.ManifestWriter writer);
}
