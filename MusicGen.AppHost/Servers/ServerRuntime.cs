using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers;

/// <summary>One way of providing a server (external, local binary, embedded): how to start it and how to tell it is up.</summary>
public abstract class ServerRuntime
{
    public abstract ServerMode Mode { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Shown in the status table.</summary>
    public abstract string Endpoint { get; }

    /// <summary>The loopback port this runtime will listen on (checked free before anything starts), if any.</summary>
    public virtual int? ListenPort => null;

    /// <summary>The process to run, or null when nothing has to run (external server, SQLite file, folder).</summary>
    public virtual ProcessSpec? Process => null;

    /// <summary>One-time setup before the first start (initdb, tool restore, folders).</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Runs once the server answers (create databases, buckets).</summary>
    public virtual Task OnHealthyAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
