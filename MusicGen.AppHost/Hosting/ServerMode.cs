namespace MusicGen.AppHost.Hosting;

/// <summary>How a server resource is provided, tried in this order (DESIGN.md "AppHost").</summary>
public enum ServerMode
{
    /// <summary>A connection string is configured: use it, start nothing.</summary>
    External,

    /// <summary>The server's binary is on this machine: start it with data under .musicgen/.</summary>
    Local,

    /// <summary>Nothing installed: SQLite, Garnet through the tool manifest, or a file-system blob store.</summary>
    Embedded,
}
