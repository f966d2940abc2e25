using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MusicGen.Testing;

namespace MusicGen.AppHost.Tests;

/// <summary>
/// The AppHost run as a child process (<c>dotnet MusicGen.AppHost.dll</c>), on its own free ports and its own
/// data folder, with its console captured.
/// </summary>
public sealed partial class AppHostRun : IAsyncDisposable
{
    public static readonly string[] ResourcesWithPorts = ["postgres", "cache", "storage", "api", "worker", "web"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _webUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostRun(Process process, Dictionary<string, int> ports, string dataDirectory)
    {
        _process = process;
        Ports = ports;
        DataDirectory = dataDirectory;
    }

    public IReadOnlyDictionary<string, int> Ports { get; }

    public string DataDirectory { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string AssemblyPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(ExternalServices.RepositoryRoot(), "MusicGen.AppHost", "bin", configuration, "net10.0", "MusicGen.AppHost.dll");
        }
    }

    public static AppHostRun Start(IDictionary<string, string?>? environment = null, params string[] arguments)
    {
        var ports = ResourcesWithPorts.ToDictionary(r => r, _ => FreePort.Next());
        var dataDirectory = Directory.CreateTempSubdirectory("musicgen-apphost-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = ExternalServices.RepositoryRoot(),
        };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["AppHost__DataDirectory"] = dataDirectory;
        foreach (var (name, port) in ports)
        {
            info.Environment[$"AppHost__Ports__{name}"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var run = new AppHostRun(process, ports, dataDirectory);
        process.OutputDataReceived += (_, e) => run.Append(e.Data);
        process.ErrorDataReceived += (_, e) => run.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits for the "Web: &lt;url&gt;" line printed once every resource is healthy.</summary>
    public async Task<string> WaitForWebUrlAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_webUrl.Task, exited, Task.Delay(timeout));
        if (first != _webUrl.Task)
        {
            throw new TimeoutException($"The AppHost printed no Web URL ({(first == exited ? "it exited" : "timed out")}):\n{Tail()}");
        }

        return await _webUrl.Task;
    }

    /// <summary>Every process the AppHost started (and their children), read from /proc.</summary>
    public IReadOnlyList<int> Descendants()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        var result = new List<int>();
        var frontier = new Queue<int>([_process.Id]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    result.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return result;
    }

    public void Interrupt() => Signals.Interrupt(_process.Id);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"The AppHost did not exit within {timeout.TotalSeconds:0} s:\n{Tail()}");
        }

        return _process.ExitCode;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            return File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public string Tail(int lines = 60) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Interrupt();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        await Task.CompletedTask;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Postgres files belong to the postgres user when the tests run as root; the OS temp cleaner takes them.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (WebLine().Match(line) is { Success: true } match)
        {
            _webUrl.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"^Web: (http\S+)")]
    private static partial Regex WebLine();
}
