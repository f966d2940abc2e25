namespace MusicGen.AppHost.Hosting;

/// <summary>Where the AppHost runs: the repository, the data folder it keeps between runs, and the mode.</summary>
public sealed class AppHostEnvironment
{
    public required string RepositoryRoot { get; init; }

    /// <summary>Servers' data, logs and generated parameters (<c>AppHost:DataDirectory</c>, default .musicgen/).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>"manifest" when asked to publish (<c>--publisher manifest</c>), else null: run the graph.</summary>
    public string? Publisher { get; init; }

    public string? OutputPath { get; init; }

    public bool IsPublishMode => Publisher is not null;

    public string LogsDirectory => Path.Combine(DataDirectory, "logs");
}
