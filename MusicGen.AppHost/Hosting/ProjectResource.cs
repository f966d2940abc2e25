namespace MusicGen.AppHost.Hosting;

/// <summary>A .NET service project of the graph (api, worker, web, migrations), run as <c>dotnet &lt;dll&gt;</c>.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata) : IResourceWithReadiness
{
    public string Name { get; } = name;

    public IProjectMetadata Metadata { get; } = metadata;

    /// <summary>The HTTP endpoint, or null for a project that serves nothing (a one-shot step).</summary>
    public EndpointReference? HttpEndpoint { get; internal set; }

    /// <summary>Exposed beyond the graph (the Web): marked external in the manifest.</summary>
    public bool IsExternal { get; internal set; }

    public string? HealthCheckPath { get; internal set; }

    /// <summary>True when another resource waits for this one to complete: it runs once and is not restarted on success.</summary>
    public bool IsOneShot { get; internal set; }

    public ResourceState State { get; internal set; } = ResourceState.Pending;

    internal List<IResource> References { get; } = [];

    internal List<(IResourceWithReadiness Resource, bool Completion)> Waits { get; } = [];

    internal List<(string Name, Func<string> Value, string ManifestValue)> Environment { get; } = [];

    internal List<string> Arguments { get; } = [];
}
