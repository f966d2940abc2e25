using MusicGen.Testing;

namespace MusicGen.Worker.Tests.Infrastructure;

/// <summary>MusicGen.Worker as a real process (its own build output), configured through environment variables as the AppHost does.</summary>
internal static class WorkerProcess
{
    public static async Task<ServerProcess> StartAsync(IDictionary<string, string?> settings)
    {
        var directory = WorkerDirectory();
        var port = FreePort.Next();
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = ServerProcess.Start("dotnet", [Path.Combine(directory, "MusicGen.Worker.dll")], directory, environment);
        await Eventually.TrueAsync(
            () => process.HasExited
                ? throw new InvalidOperationException("The Worker exited:\n" + process.Output)
                : Task.FromResult(process.Output.Contains("Consuming the generation queue", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the Worker process to consume the queue",
            () => process.Output);
        return process;
    }

    /// <summary>The Worker's build output of the same configuration as these tests (bin/Release or bin/Debug).</summary>
    private static string WorkerDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var directory = Path.Combine(ExternalServices.RepositoryRoot(), "MusicGen.Worker", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(directory, "MusicGen.Worker.dll"))
            ? directory
            : throw new InvalidOperationException($"MusicGen.Worker is not built in {directory}; build it (dotnet build MusicGen.Worker -c {configuration}).");
    }
}
