using Microsoft.Extensions.Configuration;

namespace MusicGen.AppHost.Hosting;

/// <summary>
/// Builds the application graph with Aspire's shape (<c>AddPostgres</c>, <c>AddRedis</c>, <c>AddProject</c>,
/// <c>WithReference</c>, <c>WaitFor</c> …), so a real Aspire AppHost can later replace this one line for line.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--publisher"] = "Publishing:Publisher",
        ["--output-path"] = "Publishing:OutputPath",
    };

    private readonly List<IResource> _resources = [];

    private DistributedApplicationBuilder(IConfigurationRoot configuration, AppHostEnvironment environment)
    {
        Configuration = configuration;
        Environment = environment;
    }

    public IConfigurationRoot Configuration { get; }

    public AppHostEnvironment Environment { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var root = FindRepositoryRoot();
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddUserSecrets(typeof(DistributedApplicationBuilder).Assembly, optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args, SwitchMappings)
            .Build();

        var dataDirectory = configuration["AppHost:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, root)
            : Path.Combine(root, ".musicgen");

        var environment = new AppHostEnvironment
        {
            RepositoryRoot = root,
            DataDirectory = dataDirectory,
            Publisher = configuration["Publishing:Publisher"],
            OutputPath = configuration["Publishing:OutputPath"],
        };
        return new DistributedApplicationBuilder(configuration, environment);
    }

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists in the graph.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>The port for a resource: <c>AppHost:Ports:{name}</c> when configured, else its fixed default.</summary>
    public int PortFor(string name, int defaultPort)
    {
        var configured = Configuration[$"AppHost:Ports:{name}"];
        if (configured is null)
        {
            return defaultPort;
        }

        return int.TryParse(configured, out var port) && port is > 0 and < 65536
            ? port
            : throw new AppHostConfigurationException($"AppHost:Ports:{name} is '{configured}', not a TCP port (1-65535).");
    }

    public DistributedApplication Build() => new(this);

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { System.Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MusicGen.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return System.Environment.CurrentDirectory;
    }
}
