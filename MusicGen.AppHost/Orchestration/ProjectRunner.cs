using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Servers;

namespace MusicGen.AppHost.Orchestration;

/// <summary>Runs a service project as <c>dotnet &lt;assembly&gt;</c> with the environment Aspire would give it.</summary>
public sealed class ProjectRunner(ProjectResource project, string environmentName, ResourceLog log, TimeSpan startupTimeout) : ResourceRunner(log, startupTimeout)
{
    public override IResourceWithReadiness Resource => project;

    public override IReadOnlyList<(IResourceWithReadiness Resource, bool Completion)> Dependencies => project.Waits;

    protected override bool IsOneShot => project.IsOneShot;

    protected override ProcessSpec Spec => new(DotnetHost.Path, [project.Metadata.AssemblyPath, .. project.Arguments],
        Path.GetDirectoryName(project.Metadata.ProjectPath)!);

    protected override IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = environmentName,
                ["DOTNET_ENVIRONMENT"] = environmentName,
                ["OTEL_SERVICE_NAME"] = project.Name,
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{System.Environment.ProcessId}",
                ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            };
            if (project.HttpEndpoint is { } endpoint)
            {
                environment["ASPNETCORE_URLS"] = endpoint.Url;
            }

            foreach (var (name, value, _) in project.Environment)
            {
                environment[name] = value();
            }

            return environment;
        }
    }

    protected override void SetState(ResourceState state) => project.State = state;

    protected override Task PrepareAsync(CancellationToken cancellationToken) =>
        File.Exists(project.Metadata.AssemblyPath)
            ? Task.CompletedTask
            : throw new AppHostConfigurationException($"{project.Metadata.AssemblyPath} is missing: build the solution first (dotnet build).");

    protected override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        project.HttpEndpoint is not { } endpoint || project.HealthCheckPath is not { } path
            || await Probes.HttpStatusAsync(endpoint.Url + path, cancellationToken) == 200;
}
