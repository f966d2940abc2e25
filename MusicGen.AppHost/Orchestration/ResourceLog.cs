namespace MusicGen.AppHost.Orchestration;

/// <summary>
/// Every resource's output, prefixed with its name on the console and kept whole in .musicgen/logs/{name}.log.
/// Lines are written as they come, never wrapped, so they stay greppable; colour only on a terminal.
/// </summary>
public sealed class ResourceLog : IDisposable
{
    private static readonly int[] Colors = [39, 214, 141, 48, 220, 205, 122, 209];
    private static readonly Lock ConsoleGate = new();
    private static readonly bool UseColor = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private static int _nextColor;

    private readonly string _prefix;
    private readonly StreamWriter _file;
    private readonly Lock _fileGate = new();

    public ResourceLog(string name, string logsDirectory)
    {
        Directory.CreateDirectory(logsDirectory);
        var color = Colors[Interlocked.Increment(ref _nextColor) % Colors.Length];
        _prefix = UseColor ? $"\u001b[38;5;{color}m{name,-10}\u001b[0m | " : $"{name,-10} | ";
        _file = new StreamWriter(Path.Combine(logsDirectory, name + ".log"), append: true) { AutoFlush = true };
    }

    public void Line(string text)
    {
        lock (_fileGate)
        {
            _file.WriteLine(text);
        }

        lock (ConsoleGate)
        {
            Console.Out.WriteLine(_prefix + text);
        }
    }

    /// <summary>A message of the AppHost itself about this resource (started, restarting, stopped).</summary>
    public void Event(string text) => Line("» " + text);

    public void Dispose()
    {
        lock (_fileGate)
        {
            _file.Dispose();
        }
    }
}
