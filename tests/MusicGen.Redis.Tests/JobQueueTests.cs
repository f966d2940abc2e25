using System.Collections.Concurrent;
using System.Diagnostics;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Redis;

namespace MusicGen.Redis.Tests;

/// <summary>One test per promise of the queue; each test has its own queue on the class's server.</summary>
public abstract class JobQueueTests(RedisServerFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<JobWorker> _workers = [];
    private RedisClient _client = null!;
    private JobQueue _queue = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await RedisClient.ConnectAsync(fixture.ConnectionString);
        _queue = new JobQueue(_client, "q" + Guid.NewGuid().ToString("N"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AddAsync_DuplicateId_IsIgnoredAndKeepsFirstJob()
    {
        var first = await _queue.AddAsync("job-1", "first");
        var second = await _queue.AddAsync("job-1", "second", new JobOptions { Priority = 3 });
        var bulk = await _queue.AddBulkAsync([new NewJob("job-1", "third"u8.ToArray()), new NewJob("job-2", "x"u8.ToArray())]);

        first.Created.ShouldBeTrue();
        second.Created.ShouldBeFalse();
        bulk.Select(r => r.Created).ShouldBe([false, true]);
        (await _queue.GetJobAsync("job-1"))!.DataAsString.ShouldBe("first");
        (await _queue.GetCountsAsync()).Waiting.ShouldBe(2);
    }

    [Fact]
    public async Task Worker_DelayedJob_IsNotTakenBeforeItsDelay()
    {
        await _queue.AddAsync("later", "x", new JobOptions { Delay = TimeSpan.FromMilliseconds(1500) });
        await _queue.AddAsync("now", "x");
        await StartWorkerAsync((_, _) => Task.CompletedTask);

        await WaitForStateAsync("later", JobState.Completed);

        var later = (await _queue.GetJobAsync("later"))!;
        (later.ProcessedAt!.Value - later.CreatedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1500));
        var now = (await _queue.GetJobAsync("now"))!;
        now.FinishedAt!.Value.ShouldBeLessThan(later.ProcessedAt.Value);
    }

    [Fact]
    public async Task Worker_FailingJobWithExponentialBackoff_RetriesAfterEachDelay()
    {
        var tries = new ConcurrentQueue<long>();
        await _queue.AddAsync("flaky", "x", new JobOptions { Attempts = 3, Backoff = Backoff.Exponential(TimeSpan.FromMilliseconds(400)) });
        await StartWorkerAsync((job, _) =>
        {
            tries.Enqueue(Stopwatch.GetTimestamp());
            return job.Attempt < 3 ? throw new InvalidOperationException("not yet") : Task.CompletedTask;
        });

        await WaitForStateAsync("flaky", JobState.Completed);

        var times = tries.ToArray();
        times.Length.ShouldBe(3);
        var firstGap = Stopwatch.GetElapsedTime(times[0], times[1]);
        var secondGap = Stopwatch.GetElapsedTime(times[1], times[2]);
        firstGap.ShouldBeInRange(TimeSpan.FromMilliseconds(380), TimeSpan.FromMilliseconds(400 + 2000));
        secondGap.ShouldBeInRange(TimeSpan.FromMilliseconds(780), TimeSpan.FromMilliseconds(800 + 2000));
        (await _queue.GetJobAsync("flaky"))!.AttemptsMade.ShouldBe(3);
    }

    [Fact]
    public async Task Worker_UnrecoverableError_FailsWithoutRetry()
    {
        var calls = 0;
        await _queue.AddAsync("doomed", "x", new JobOptions { Attempts = 5 });
        await StartWorkerAsync((_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new UnrecoverableJobException("bad input");
        });

        await WaitForStateAsync("doomed", JobState.Failed);

        var job = (await _queue.GetJobAsync("doomed"))!;
        job.AttemptsMade.ShouldBe(1);
        job.Error.ShouldBe("bad input");
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task Worker_AttemptsExhausted_FailsAfterLastTry()
    {
        await _queue.AddAsync("always", "x", new JobOptions { Attempts = 2 });
        await StartWorkerAsync((job, _) => throw new InvalidOperationException("try " + job.Attempt));

        await WaitForStateAsync("always", JobState.Failed);

        var job = (await _queue.GetJobAsync("always"))!;
        job.AttemptsMade.ShouldBe(2);
        job.Error.ShouldBe("try 2");
    }

    [Fact]
    public async Task PauseAsync_PausedQueue_TakesNothingUntilResumed()
    {
        await _queue.PauseAsync();
        await _queue.AddAsync("held", "x");
        await StartWorkerAsync((_, _) => Task.CompletedTask);

        await Task.Delay(1000);
        var paused = await _queue.GetCountsAsync();
        await _queue.ResumeAsync();
        await WaitForStateAsync("held", JobState.Completed);

        paused.IsPaused.ShouldBeTrue();
        paused.Waiting.ShouldBe(1);
        paused.Active.ShouldBe(0);
        (await _queue.GetCountsAsync()).IsPaused.ShouldBeFalse();
    }

    [Fact]
    public async Task Worker_PrioritizedJobs_AreTakenHighestFirstThenInOrder()
    {
        var order = new ConcurrentQueue<string>();
        await _queue.PauseAsync();
        await _queue.AddAsync("a", "x");
        await _queue.AddAsync("p1", "x", new JobOptions { Priority = 1 });
        await _queue.AddAsync("b", "x");
        await _queue.AddAsync("p5", "x", new JobOptions { Priority = 5 });
        await _queue.AddAsync("p5-second", "x", new JobOptions { Priority = 5 });
        await StartWorkerAsync((job, _) =>
        {
            order.Enqueue(job.Id);
            return Task.CompletedTask;
        });

        await _queue.ResumeAsync();
        await WaitForStateAsync("b", JobState.Completed);

        order.ShouldBe(["p5", "p5-second", "p1", "a", "b"]);
    }

    [Fact]
    public async Task CleanAsync_CompletedJobs_RemovesOnlyOlderThanGraceAndAtMostLimit()
    {
        await StartWorkerAsync((_, _) => Task.CompletedTask);
        await _queue.AddBulkAsync([.. Enumerable.Range(0, 5).Select(i => new NewJob("old" + i, "x"u8.ToArray()))]);
        await WaitForCountAsync(c => c.Completed == 5);
        await Task.Delay(1500);
        await _queue.AddBulkAsync([.. Enumerable.Range(0, 3).Select(i => new NewJob("new" + i, "x"u8.ToArray()))]);
        await WaitForCountAsync(c => c.Completed == 8);

        var firstPass = await _queue.CleanAsync(JobState.Completed, TimeSpan.FromSeconds(1), limit: 3);
        var secondPass = await _queue.CleanAsync(JobState.Completed, TimeSpan.FromSeconds(1), limit: 100);

        firstPass.ShouldBe(3);
        secondPass.ShouldBe(2);
        (await _queue.GetCountsAsync()).Completed.ShouldBe(3);
        (await _queue.GetJobAsync("old0")).ShouldBeNull();
        (await _queue.GetJobAsync("new0")).ShouldNotBeNull();
    }

    [Fact]
    public async Task CleanAsync_WaitingJobs_RemovesByCreationAge()
    {
        await _queue.AddAsync("w-old", "x");
        await Task.Delay(1200);
        await _queue.AddAsync("w-new", "x");

        (await _queue.CleanAsync(JobState.Waiting, TimeSpan.FromSeconds(1))).ShouldBe(1);

        (await _queue.GetJobAsync("w-old")).ShouldBeNull();
        (await _queue.GetJobsAsync(JobState.Waiting)).Select(j => j.Id).ShouldBe(["w-new"]);
    }

    [Fact]
    public async Task Retention_CompletedCountLimit_KeepsOnlyNewest()
    {
        var queue = new JobQueue(_client, _queue.Name, new JobQueueOptions { Completed = new Retention(null, MaxCount: 3) });
        var worker = new JobWorker(queue, (_, _) => Task.CompletedTask);
        _workers.Add(worker);
        await worker.StartAsync();

        for (var i = 0; i < 6; i++)
        {
            await queue.AddAsync("r" + i, "x");
            await WaitForStateAsync("r" + i, JobState.Completed);
        }

        (await queue.GetCountsAsync()).Completed.ShouldBe(3);
        (await queue.GetJobAsync("r0")).ShouldBeNull();
        (await queue.GetJobsAsync(JobState.Completed)).Select(j => j.Id).ShouldBe(["r5", "r4", "r3"]);
    }

    [Fact]
    public async Task GetCountsAsync_WhileJobsFlow_AlwaysAddsUpToTotal()
    {
        const int jobs = 300;
        await _queue.AddBulkAsync([.. Enumerable.Range(0, jobs).Select(i => new NewJob("c" + i, (i % 3 == 0 ? "f"u8 : "ok"u8).ToArray(),
            new JobOptions { Attempts = 2, Backoff = Backoff.Fixed(TimeSpan.FromMilliseconds(20)) }))]);
        await StartWorkerAsync(async (job, _) =>
        {
            await Task.Yield();
            if (job.DataAsString == "f" && job.Attempt == 1)
            {
                throw new InvalidOperationException("first try fails");
            }
        }, concurrency: 4);

        var snapshots = new List<JobCounts>();
        JobCounts counts;
        do
        {
            counts = await _queue.GetCountsAsync();
            snapshots.Add(counts);
        }
        while (counts.Completed < jobs && snapshots.Count < 100_000);

        snapshots.ShouldAllBe(c => c.Total == jobs);
        counts.ShouldBe(new JobCounts(0, 0, 0, 0, jobs, 0, false));
    }

    [Fact]
    public async Task RetryAsync_FailedJobs_RunAgainWithFreshAttempts()
    {
        var failing = true;
        await _queue.AddAsync("f1", "x");
        await _queue.AddAsync("f2", "x");
        await _queue.AddAsync("f3", "x");
        await StartWorkerAsync((_, _) => Volatile.Read(ref failing) ? throw new InvalidOperationException("down") : Task.CompletedTask);
        await WaitForCountAsync(c => c.Failed == 3);

        Volatile.Write(ref failing, false);
        (await _queue.RetryAsync("f1")).ShouldBeTrue();
        (await _queue.RetryAsync("missing")).ShouldBeFalse();
        await WaitForStateAsync("f1", JobState.Completed);
        (await _queue.RetryAllFailedAsync()).ShouldBe(2);
        await WaitForCountAsync(c => c.Completed == 3);

        (await _queue.GetJobAsync("f2"))!.AttemptsMade.ShouldBe(1);
    }

    [Fact]
    public async Task SubscribeAsync_JobLifecycle_PublishesEachEvent()
    {
        await using var subscriber = await RedisSubscriber.ConnectAsync(fixture.ConnectionString);
        var events = new ConcurrentQueue<QueueEvent>();
        await using var subscription = await _queue.SubscribeAsync(subscriber, events.Enqueue);
        await _queue.AddAsync("ok", "x");
        await _queue.AddAsync("bad", "x", new JobOptions { Attempts = 2 });
        await StartWorkerAsync(async (job, cancellationToken) =>
        {
            (await job.ReportProgressAsync(50, cancellationToken)).ShouldBeTrue();
            if (job.Id == "bad")
            {
                throw new InvalidOperationException("boom");
            }
        });

        await WaitForStateAsync("bad", JobState.Failed);
        await WaitForStateAsync("ok", JobState.Completed);
        await Eventually.TrueAsync(() => Task.FromResult(events.Any(e => e is { Kind: "failed", JobId: "bad" })), Patience, "the failed event");

        string[] kinds = ["added", "active", "progress", "completed"];
        kinds.ShouldBeSubsetOf(events.Where(e => e.JobId == "ok").Select(e => e.Kind));
        events.ShouldContain(new QueueEvent("progress", "ok", "50"));
        events.ShouldContain(new QueueEvent("retrying", "bad", "boom"));
        events.ShouldContain(new QueueEvent("failed", "bad", "boom"));
        (await _queue.GetJobAsync("ok"))!.Progress.ShouldBe("50");
    }

    [Fact]
    public async Task Worker_JobOfDeadWorker_IsRecoveredAfterLockExpiry()
    {
        await using var subscriber = await RedisSubscriber.ConnectAsync(fixture.ConnectionString);
        var events = new ConcurrentQueue<QueueEvent>();
        await using var subscription = await _queue.SubscribeAsync(subscriber, events.Enqueue);
        await _queue.AddAsync("orphan", "x");
        await TakeAsDeadWorkerAsync(lockMs: 300);

        await StartWorkerAsync((_, _) => Task.CompletedTask, stalledInterval: TimeSpan.FromMilliseconds(200));
        await WaitForStateAsync("orphan", JobState.Completed);

        var job = (await _queue.GetJobAsync("orphan"))!;
        job.StallCount.ShouldBe(1);
        job.AttemptsMade.ShouldBe(1);
        await Eventually.TrueAsync(() => Task.FromResult(events.Contains(new QueueEvent("stalled", "orphan", ""))), Patience, "the stalled event");
    }

    [Fact]
    public async Task Worker_JobStalledMoreThanAllowed_Fails()
    {
        await _queue.AddAsync("cursed", "x");
        await TakeAsDeadWorkerAsync(lockMs: 100);
        await Task.Delay(300);
        await _queue.EvalAsync(QueueScripts.RecoverStalled, [1, 10, -1, -1], default);
        await TakeAsDeadWorkerAsync(lockMs: 100);
        await Task.Delay(300);
        await _queue.EvalAsync(QueueScripts.RecoverStalled, [1, 10, -1, -1], default);

        var job = (await _queue.GetJobAsync("cursed"))!;
        job.State.ShouldBe(JobState.Failed);
        job.Error.ShouldBe("job stalled more than allowable limit");
        job.StallCount.ShouldBe(2);
    }

    [Fact]
    public async Task StopAsync_JobInFlight_FinishesItAndTakesNothingNew()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.AddAsync("running", "x");
        var worker = await StartWorkerAsync(async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        await started.Task.WaitAsync(Patience);
        await _queue.AddAsync("next", "x");

        var stopping = worker.StopAsync();
        await Task.Delay(300);
        stopping.IsCompleted.ShouldBeFalse();
        release.SetResult();
        await stopping.WaitAsync(Patience);

        (await _queue.GetJobAsync("running"))!.State.ShouldBe(JobState.Completed);
        (await _queue.GetJobAsync("next"))!.State.ShouldBe(JobState.Waiting);
    }

    [Fact]
    public async Task GetJobsAsync_Waiting_PagesInTakingOrder()
    {
        await _queue.AddBulkAsync([.. Enumerable.Range(1, 5).Select(i => new NewJob("j" + i, "x"u8.ToArray()))]);

        (await _queue.GetJobsAsync(JobState.Waiting, 0, 2)).Select(j => j.Id).ShouldBe(["j1", "j2"]);
        (await _queue.GetJobsAsync(JobState.Waiting, 2, 2)).Select(j => j.Id).ShouldBe(["j3", "j4"]);
        (await _queue.GetJobsAsync(JobState.Waiting, 4, 2)).Select(j => j.Id).ShouldBe(["j5"]);
    }

    [Fact]
    public async Task AddAsync_TraceParentAndBinaryData_ReachTheHandler()
    {
        var data = new byte[] { 0, 13, 10, 255, 1 };
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var seen = new TaskCompletionSource<(byte[], string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.AddAsync("traced", data, new JobOptions { TraceParent = traceParent });
        await StartWorkerAsync((job, _) =>
        {
            seen.TrySetResult((job.Data.ToArray(), job.TraceParent));
            return Task.CompletedTask;
        });

        var (bytes, trace) = await seen.Task.WaitAsync(Patience);

        bytes.ShouldBe(data);
        trace.ShouldBe(traceParent);
    }

    private async Task<JobWorker> StartWorkerAsync(JobHandler handler, int concurrency = 1, TimeSpan? stalledInterval = null)
    {
        var worker = new JobWorker(_queue, handler, new JobWorkerOptions
        {
            Concurrency = concurrency,
            StalledInterval = stalledInterval ?? TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromSeconds(1),
        });
        _workers.Add(worker);
        await worker.StartAsync();
        return worker;
    }

    private async Task TakeAsDeadWorkerAsync(int lockMs)
    {
        var reply = await _queue.EvalAsync(QueueScripts.Take, ["dead-worker-token", lockMs], default);
        reply.Items[0].AsInt64().ShouldBe(1);
    }

    private Task WaitForStateAsync(string id, JobState state) =>
        Eventually.TrueAsync(async () => (await _queue.GetJobAsync(id))?.State == state, Patience, $"{id} to be {state}");

    private Task WaitForCountAsync(Func<JobCounts, bool> condition) =>
        Eventually.TrueAsync(async () => condition(await _queue.GetCountsAsync()), Patience, "the counts");
}

public sealed class JobQueueOnRedisTests(RedisFixture fixture) : JobQueueTests(fixture), IClassFixture<RedisFixture>;

public sealed class JobQueueOnGarnetTests(GarnetFixture fixture) : JobQueueTests(fixture), IClassFixture<GarnetFixture>;
