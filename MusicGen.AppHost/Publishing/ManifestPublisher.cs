using System.Text.Json;
using System.Text.Json.Nodes;
using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Servers;
using MusicGen.AppHost.Servers.Postgres;

namespace MusicGen.AppHost.Publishing;

/// <summary>
/// <c>--publisher manifest --output-path &lt;file&gt;</c>: writes the graph as an Aspire manifest, which is how azd
/// reads an AppHost. Servers become containers, databases values, projects project.v0 entries.
/// </summary>
public static class ManifestPublisher
{
    public static int Publish(DistributedApplicationBuilder builder)
    {
        if (builder.Environment.Publisher != "manifest")
        {
            throw new AppHostConfigurationException($"--publisher '{builder.Environment.Publisher}' is not supported; use --publisher manifest.");
        }

        var output = builder.Environment.OutputPath is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : throw new AppHostConfigurationException("--publisher manifest needs --output-path <file>.");
        if (!output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            output = Path.Combine(output, "aspire-manifest.json");
        }

        var directory = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(directory);
        var writer = new ManifestWriter();
        foreach (var resource in builder.Resources)
        {
            switch (resource)
            {
                case ServerResource server:
                    server.WriteManifest(writer);
                    break;
                case PostgresDatabaseResource database:
                    database.WriteManifest(writer);
                    break;
                case ParameterResource parameter:
                    writer.Parameter(parameter.Name, parameter.Secret, parameter.GeneratedLength);
                    break;
                case ProjectResource project:
                    writer.Project(project.Name, Path.GetRelativePath(directory, project.Metadata.ProjectPath), ProjectEnvironment(project), project.HttpEndpoint is not null, project.IsExternal);
                    break;
            }
        }

        var manifest = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/aspire-8.0.json",
            ["resources"] = writer.Resources,
        };
        File.WriteAllText(output, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Published manifest to: {output}");
        return 0;
    }

    private static Dictionary<string, string> ProjectEnvironment(ProjectResource project)
    {
        var env = new Dictionary<string, string>
        {
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
        };
        if (project.HttpEndpoint is not null)
        {
            env["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
            env["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}";
        }

        foreach (var (name, _, manifestValue) in project.Environment)
        {
            env[name] = manifestValue;
        }

        return env;
    }
}
