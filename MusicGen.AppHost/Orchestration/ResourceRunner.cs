using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Servers;

namespace MusicGen.AppHost.Orchestration;

/// <summary>
/// Brings one resource up after its dependencies, waits until it is healthy (or has completed), and keeps it
/// running: a process that exits unexpectedly is restarted with exponential backoff.
/// </summary>
public abstract class ResourceRunner(ResourceLog log, TimeSpan startupTimeout)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ManagedProcess? _current;

    public abstract IResourceWithReadiness Resource { get; }

    /// <summary>Completes once the resource is healthy (a one-shot step: once it has completed).</summary>
    public Task Ready => _ready.Task;

    public Task Completed => _completed.Task;

    /// <summary>Completes with a reason when the resource cannot be brought up at all.</summary>
    public Task<string> Failed => _failed.Task;

    public abstract IReadOnlyList<(IResourceWithReadiness Resource, bool Completion)> Dependencies { get; }

    protected ResourceLog Log => log;

    protected abstract ProcessSpec? Spec { get; }

    protected virtual bool IsOneShot => false;

    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    protected abstract void SetState(ResourceState state);

    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    protected virtual Task OnHealthyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(Func<IResourceWithReadiness, ResourceRunner> runnerOf, CancellationToken stopping)
    {
        try
        {
            foreach (var (dependency, completion) in Dependencies)
            {
                var runner = runnerOf(dependency);
                await (completion ? runner.Completed : runner.Ready).WaitAsync(stopping);
            }

            SetState(ResourceState.Starting);
            await PrepareAsync(stopping);
            if (Spec is null)
            {
                await WaitHealthyAsync(null, stopping);
                return;
            }

            await SuperviseAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (AppHostConfigurationException e)
        {
            Fail(e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            Fail(e.Message);
        }
    }

    public async Task StopAsync()
    {
        if (_current is { } process)
        {
            SetState(ResourceState.Stopping);
            await process.StopAsync(TimeSpan.FromSeconds(10));
            log.Event("stopped");
        }

        SetState(ResourceState.Stopped);
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var startedAt = DateTime.UtcNow;
            _current?.Dispose();
            var process = ManagedProcess.Start(Spec!, Environment, log);
            _current = process;
            log.Event($"started (pid {process.Id})");
            SetState(ResourceState.Running);

            if (!IsOneShot)
            {
                await WaitHealthyAsync(process, stopping);
            }

            var exitCode = await process.Exited.WaitAsync(stopping);
            if (IsOneShot && exitCode == 0)
            {
                SetState(ResourceState.Completed);
                log.Event("completed");
                _ready.TrySetResult();
                _completed.TrySetResult();
                return;
            }

            failures = DateTime.UtcNow - startedAt > TimeSpan.FromMinutes(1) ? 1 : failures + 1;
            if (IsOneShot && failures >= 5)
            {
                Fail($"exited with code {exitCode} {failures} times in a row; see {Resource.Name}.log");
                return;
            }

            var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)));
            SetState(ResourceState.Restarting);
            log.Event($"exited with code {exitCode}; restarting in {backoff.TotalSeconds:0} s");
            await Task.Delay(backoff, stopping);
        }
    }

    /// <summary>Polls the health check until it passes; the first time, runs <see cref="OnHealthyAsync"/> and signals readiness.</summary>
    private async Task WaitHealthyAsync(ManagedProcess? process, CancellationToken stopping)
    {
        var deadline = DateTime.UtcNow + startupTimeout;
        while (!await IsHealthyAsync(stopping))
        {
            if (process is { Exited.IsCompleted: true })
            {
                return;
            }

            if (DateTime.UtcNow > deadline && !_ready.Task.IsCompleted)
            {
                throw new TimeoutException($"not healthy after {startupTimeout.TotalSeconds:0} s; see .musicgen/logs/{Resource.Name}.log");
            }

            await Task.Delay(200, stopping);
        }

        if (!_ready.Task.IsCompleted)
        {
            await OnHealthyAsync(stopping);
        }

        SetState(ResourceState.Healthy);
        _ready.TrySetResult();
    }

    private void Fail(string reason)
    {
        SetState(ResourceState.Failed);
        log.Event("failed: " + reason);
        _failed.TrySetResult($"{Resource.Name}: {reason}");
    }
}
