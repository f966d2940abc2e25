using System.Diagnostics;
using MusicGen.AppHost.Servers;

namespace MusicGen.AppHost.Orchestration;

/// <summary>One run of a resource's process: started, its output streamed to the log, stopped politely then firmly.</summary>
public sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly ProcessSpec _spec;

    private ManagedProcess(Process process, ProcessSpec spec)
    {
        _process = process;
        _spec = spec;
        Id = process.Id;
    }

    public int Id { get; }

    public Task<int> Exited { get; private init; } = Task.FromResult(0);

    public static ManagedProcess Start(ProcessSpec spec, IReadOnlyDictionary<string, string> environment, ResourceLog log)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment.Concat(environment))
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Line(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Line(e.Data); } };
        process.Exited += (_, _) =>
        {
            // Drain the redirected output before reporting the exit, so the last lines are not lost.
            process.WaitForExit();
            exited.TrySetResult(process.ExitCode);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ManagedProcess(process, spec) { Exited = exited.Task };
    }

    /// <summary>Sends the stop signal to the process tree, waits up to <paramref name="grace"/>, then kills what is left.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        var tree = ProcessTree.Descendants(Id).Append(Id).ToList();
        ProcessTree.Signal(Id, _spec.StopSignal);
        await Task.WhenAny(Exited, Task.Delay(grace));
        var deadline = DateTime.UtcNow + grace;
        while (tree.Any(ProcessTree.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        foreach (var pid in tree.Where(ProcessTree.IsAlive))
        {
            Signals.Send(pid, Signals.SigKill);
        }

        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(2)));
    }

    public void Dispose() => _process.Dispose();
}
