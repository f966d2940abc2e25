namespace MusicGen.AppHost.Hosting;

/// <summary>A node of the application graph: a server, a database on a server, a parameter or a project.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource other resources reference through <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string, known once the resource's mode is resolved.</summary>
    string ConnectionString { get; }

    /// <summary>The connection-string expression written to the Aspire manifest.</summary>
    string ManifestConnectionString { get; }
}

/// <summary>A resource that can be waited for: healthy (servers, services) or completed (one-shot steps).</summary>
public interface IResourceWithReadiness : IResource
{
    ResourceState State { get; }
}
