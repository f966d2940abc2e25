namespace MusicGen.AppHost.Servers;

/// <summary>What to start for a resource: a command line, its folder and extra environment.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The signal that asks the process to stop cleanly (Postgres wants SIGINT for a fast shutdown).</summary>
    public int StopSignal { get; init; } = Signals.SigTerm;
}
