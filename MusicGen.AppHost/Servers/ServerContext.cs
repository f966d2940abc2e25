using Microsoft.Extensions.Configuration;
using MusicGen.AppHost.Hosting;

namespace MusicGen.AppHost.Servers;

/// <summary>What a server needs to pick its mode: configuration, folders, parameters and the executables on this machine.</summary>
public sealed class ServerContext(IConfiguration configuration, AppHostEnvironment environment, Executables executables, ParameterStore parameters)
{
    public IConfiguration Configuration { get; } = configuration;

    public AppHostEnvironment Environment { get; } = environment;

    public Executables Executables { get; } = executables;

    public ParameterStore Parameters { get; } = parameters;

    /// <summary>A forced mode for one server (<c>AppHost:Modes:{name}</c> = external|local|embedded), if any.</summary>
    public ServerMode? ForcedMode(string name)
    {
        var value = Configuration[$"AppHost:Modes:{name}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Enum.TryParse<ServerMode>(value, ignoreCase: true, out var mode)
            ? mode
            : throw new AppHostConfigurationException($"AppHost:Modes:{name} is '{value}': use external, local or embedded.");
    }

    public string DataPath(params string[] parts) => Path.Combine([Environment.DataDirectory, .. parts]);
}
