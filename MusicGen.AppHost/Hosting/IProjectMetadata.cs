namespace MusicGen.AppHost.Hosting;

/// <summary>Metadata of a service project the AppHost runs; generated per service ProjectReference.</summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the .csproj.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the built assembly (run with <c>dotnet &lt;dll&gt;</c>).</summary>
    string AssemblyPath { get; }
}
