using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MusicGen.Redis.Queue;

/// <summary>
/// Takes jobs from a queue and runs them with up to <see cref="JobWorkerOptions.Concurrency"/> at
/// once. Finishing a job and taking the next is one script call; idle slots sleep on a blocking
/// BZPOPMIN of the queue's marker (on a dedicated connection) until a job arrives. A heartbeat
/// renews the locks of running jobs; a stalled check returns jobs of dead workers to the queue.
/// </summary>
public sealed class JobWorker : IAsyncDisposable
{
    private static readonly ActivitySource Tracing = new(RedisMetrics.MeterName);

    private readonly JobQueue _queue;
    private readonly JobHandler _handler;
    private readonly JobWorkerOptions _options;
    private readonly string _workerId = Guid.NewGuid().ToString("N")[..12];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _heartbeatStop = new();
    private readonly ConcurrentDictionary<string, (string Token, CancellationTokenSource Cancel)> _running = new();
    private readonly Pulse _wake = new();
    private readonly Pulse _idleChanged = new();
    private readonly List<Task> _loops = [];
    private Task _heartbeat = Task.CompletedTask;
    private RedisClient? _blocking;
    private long _tokenSequence;
    private int _idle;

    public JobWorker(JobQueue queue, JobHandler handler, JobWorkerOptions? options = null)
    {
        _queue = queue;
        _handler = handler;
        _options = options ?? new JobWorkerOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Concurrency);
    }

    /// <summary>Raised for Redis errors the worker rode out (it retries on its own).</summary>
    public event Action<Exception>? Error;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _blocking = await _queue.Client.ConnectDedicatedAsync(cancellationToken);
        for (var i = 0; i < _options.Concurrency; i++)
        {
            _loops.Add(Task.Run(SlotLoopAsync, CancellationToken.None));
        }

        _loops.Add(Task.Run(BlockLoopAsync, CancellationToken.None));
        _heartbeat = Task.Run(HeartbeatLoopAsync, CancellationToken.None);
        _loops.Add(Task.Run(StalledLoopAsync, CancellationToken.None));
    }

    /// <summary>
    /// Takes nothing new and waits for running jobs to finish. When <paramref name="cancellationToken"/>
    /// fires first, running handlers are cancelled (their jobs come back through the stalled check
    /// unless the handler still fails or completes them).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _stopping.CancelAsync();
        _wake.Signal();
        _idleChanged.Signal();
        await using (cancellationToken.Register(_abort.Cancel))
        {
            await Task.WhenAll(_loops);
        }

        await _heartbeatStop.CancelAsync();
        await _heartbeat;

        if (_blocking is not null)
        {
            await _blocking.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _abort.Dispose();
        _heartbeatStop.Dispose();
    }

    private async Task SlotLoopAsync()
    {
        Lease? lease = null;
        while (true)
        {
            if (lease is null)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                var woken = _wake.Task;
                var (taken, nextDue) = await TakeAsync();
                if (taken is null)
                {
                    await IdleAsync(woken, nextDue);
                    continue;
                }

                lease = taken;
            }

            lease = await RunAsync(lease);
        }
    }

    private async Task<(Lease?, long NextDue)> TakeAsync()
    {
        var token = NextToken();
        try
        {
            // Not cancelled by stopping: a take the server ran but we stopped listening to would
            // leave its job locked, and late, until the stalled check.
            var reply = await _queue.EvalAsync(QueueScripts.Take, [token, LockMs], CancellationToken.None);
            return ParseLease(reply, token);
        }
        catch (RedisException e)
        {
            Error?.Invoke(e);
            return (null, -1);
        }
    }

    private async Task IdleAsync(Task woken, long nextDue)
    {
        var wait = _options.PollInterval;
        if (nextDue >= 0)
        {
            var untilDue = DateTimeOffset.FromUnixTimeMilliseconds(nextDue) - DateTimeOffset.UtcNow;
            wait = untilDue < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : untilDue < wait ? untilDue : wait;
        }

        Interlocked.Increment(ref _idle);
        _idleChanged.Signal();
        try
        {
            await Task.WhenAny(woken, Task.Delay(wait, _stopping.Token));
        }
        finally
        {
            Interlocked.Decrement(ref _idle);
        }
    }

    private async Task<Lease?> RunAsync(Lease lease)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        _running[lease.Id] = (lease.Token, cancel);
        var context = new JobContext(_queue, lease.Id, lease.Token, lease.Data, lease.AttemptsMade + 1, lease.Attempts, lease.TraceParent);
        Exception? failure = null;
        using (var activity = Tracing.StartActivity($"{_queue.Name} process", ActivityKind.Consumer, lease.TraceParent ?? ""))
        {
            activity?.SetTag("messaging.message.id", lease.Id);
            try
            {
                await _handler(context, cancel.Token);
            }
            catch (Exception e)
            {
                failure = e;
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            }
        }

        _running.TryRemove(lease.Id, out _);
        if (cancel.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            // The lock was lost: the job belongs to the stalled check (or another worker) now.
            return null;
        }

        var nextToken = _stopping.IsCancellationRequested ? "" : NextToken();
        RedisArg[] args;
        RedisScript script;
        if (failure is null)
        {
            script = QueueScripts.Complete;
            args = [lease.Id, lease.Token, context.Result ?? "", _queue.Options.Completed.AgeMs, _queue.Options.Completed.Count, nextToken, LockMs, lease.AttemptsMade + 1];
        }
        else
        {
            script = QueueScripts.Fail;
            var made = lease.AttemptsMade + 1;
            var delay = failure is UnrecoverableJobException || made >= lease.Attempts ? -1 : (long)(lease.Backoff?.ForAttempt(made).TotalMilliseconds ?? 0);
            args = [lease.Id, lease.Token, failure.Message, delay, _queue.Options.Failed.AgeMs, _queue.Options.Failed.Count, nextToken, LockMs, made];
            (delay < 0 ? RedisMetrics.JobsFailed : RedisMetrics.JobsRetried).Add(1);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await _queue.EvalAsync(script, args, CancellationToken.None);
                if (failure is null && reply.Items[0].AsInt64() != -1)
                {
                    RedisMetrics.JobsCompleted.Add(1);
                }

                return ParseLease(reply, nextToken).Lease;
            }
            catch (RedisException e) when (attempt < 10 && !_abort.IsCancellationRequested)
            {
                // Until the lock expires the job is still ours to finish: keep trying for a while.
                Error?.Invoke(e);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None);
            }
            catch (RedisException e)
            {
                Error?.Invoke(e);
                return null;
            }
        }
    }

    private async Task BlockLoopAsync()
    {
        var seconds = Math.Max(1, (int)_options.PollInterval.TotalSeconds);
        while (!_stopping.IsCancellationRequested)
        {
            if (Volatile.Read(ref _idle) == 0)
            {
                await Task.WhenAny(_idleChanged.Task, Task.Delay(_options.PollInterval, _stopping.Token));
                continue;
            }

            try
            {
                var popped = await _blocking!.ExecuteAsync(TimeSpan.FromSeconds(seconds + 10), _stopping.Token, "BZPOPMIN", _queue.MarkerKey, seconds);
                if (!popped.IsNull)
                {
                    _wake.Signal();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException e)
            {
                Error?.Invoke(e);
                await Task.WhenAny(Task.Delay(500, _stopping.Token));
            }
        }
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.LockDuration / 2);
        try
        {
            while (await timer.WaitForNextTickAsync(_heartbeatStop.Token))
            {
                var jobs = _running.ToArray();
                if (jobs.Length == 0)
                {
                    continue;
                }

                var args = new RedisArg[1 + jobs.Length * 2];
                args[0] = LockMs;
                for (var i = 0; i < jobs.Length; i++)
                {
                    args[1 + i * 2] = jobs[i].Key;
                    args[2 + i * 2] = jobs[i].Value.Token;
                }

                try
                {
                    var reply = await _queue.EvalAsync(QueueScripts.ExtendLocks, args, CancellationToken.None);
                    for (var i = 0; i < jobs.Length; i++)
                    {
                        if (reply.Items[i].AsInt64() == 0)
                        {
                            await jobs[i].Value.Cancel.CancelAsync();
                        }
                    }
                }
                catch (RedisException e)
                {
                    Error?.Invoke(e);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StalledLoopAsync()
    {
        var interval = (long)_options.StalledInterval.TotalMilliseconds;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _queue.EvalAsync(
                    QueueScripts.RecoverStalled,
                    [_options.MaxStalledCount, interval, _queue.Options.Failed.AgeMs, _queue.Options.Failed.Count],
                    _stopping.Token);
            }
            catch (RedisException e)
            {
                Error?.Invoke(e);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Task.WhenAny(Task.Delay(_options.StalledInterval, _stopping.Token));
        }
    }

    private long LockMs => (long)_options.LockDuration.TotalMilliseconds;

    private string NextToken() => _workerId + ":" + Interlocked.Increment(ref _tokenSequence).ToString(CultureInfo.InvariantCulture);

    private static (Lease? Lease, long NextDue) ParseLease(RedisReply reply, string token)
    {
        var items = reply.Items;
        if (items[0].AsInt64() != 1)
        {
            return (null, items.Count > 1 ? (long)double.Parse(items[1].AsString()!, CultureInfo.InvariantCulture) : -1);
        }

        var lease = new Lease(
            items[1].AsString()!, token, items[2].Bytes, (int)items[3].AsInt64(), (int)items[4].AsInt64(), Backoff.Decode(items[5].AsString()),
            items[6].AsString() is { Length: > 0 } trace ? trace : null);
        return (lease, -1);
    }

    private sealed record Lease(string Id, string Token, ReadOnlyMemory<byte> Data, int Attempts, int AttemptsMade, Backoff? Backoff, string? TraceParent);

    /// <summary>A wake-up that cannot be missed: waiters take the task before looking, so a signal in between completes it.</summary>
    private sealed class Pulse
    {
        private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => Volatile.Read(ref _current).Task;

        public void Signal() =>
            Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
