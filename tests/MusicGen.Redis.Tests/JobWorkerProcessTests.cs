using System.Globalization;
using MusicGen.Redis.Queue;
using MusicGen.Testing;
using MusicGen.Testing.Redis;

namespace MusicGen.Redis.Tests;

/// <summary>Workers as real processes (MusicGen.Redis.TestWorker): killed with SIGKILL, and two of them sharing a soak.</summary>
public abstract class JobWorkerProcessTests(RedisServerFixture fixture) : IAsyncLifetime
{
    private readonly List<ServerProcess> _processes = [];
    private RedisClient _client = null!;
    private JobQueue _queue = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await RedisClient.ConnectAsync(fixture.ConnectionString);
        _queue = new JobQueue(_client, "p" + Guid.NewGuid().ToString("N"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Worker_ProcessKilledMidJob_JobIsRedeliveredAndCompletedOnce()
    {
        await _queue.AddAsync("precious", "0");
        var doomed = await StartWorkerProcessAsync("hang", concurrency: 1, lockMs: 1000, stalledMs: 500);
        await Eventually.TrueAsync(
            async () => (await _client.ExecuteAsync("HGET", $"test:{{{_queue.Name}}}:starts", "precious")).AsString() == "1",
            TimeSpan.FromSeconds(30),
            "the doomed worker to start the job");

        Signals.Send(doomed.ProcessId, Signals.SigKill);
        (await _queue.GetJobAsync("precious"))!.State.ShouldBe(JobState.Active);

        var completions = 0;
        await using var rescuer = new JobWorker(_queue, async (job, cancellationToken) =>
        {
            // Idempotent: the side effect happens once per job id, however often the job is delivered.
            var first = await _client.ExecuteAsync(null, cancellationToken, "SET", $"test:{{{_queue.Name}}}:done:{job.Id}", "1", "NX");
            if (!first.IsNull)
            {
                Interlocked.Increment(ref completions);
            }
        }, new JobWorkerOptions { LockDuration = TimeSpan.FromSeconds(1), StalledInterval = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromSeconds(1) });
        await rescuer.StartAsync();

        await Eventually.TrueAsync(async () => (await _queue.GetJobAsync("precious"))!.State == JobState.Completed, TimeSpan.FromSeconds(30), "the job to complete");

        var job = (await _queue.GetJobAsync("precious"))!;
        job.StallCount.ShouldBe(1);
        job.AttemptsMade.ShouldBe(1);
        completions.ShouldBe(1);
        (await _queue.GetCountsAsync()).ShouldBe(new JobCounts(0, 0, 0, 0, 1, 0, false));
    }

    [Fact]
    public async Task Workers_TenThousandJobsWithTransientFailures_EndExactlyAsScripted()
    {
        const int jobs = 10_000;
        const int attempts = 3;
        var random = new Random(42);
        var scripts = Enumerable.Range(0, jobs).Select(_ => random.Next(100) switch
        {
            < 3 => "u",
            < 60 => "0",
            < 80 => "1",
            < 92 => "2",
            _ => "3",
        }).ToArray();
        await _queue.AddBulkAsync([.. scripts.Select((script, i) => new NewJob("s" + i, System.Text.Encoding.UTF8.GetBytes(script),
            new JobOptions { Attempts = attempts, Backoff = Backoff.Exponential(TimeSpan.FromMilliseconds(5), jitter: 0.5) }))]);

        await StartWorkerProcessAsync("soak", concurrency: 8, lockMs: 10_000, stalledMs: 5_000);
        await StartWorkerProcessAsync("soak", concurrency: 8, lockMs: 10_000, stalledMs: 5_000);
        await Eventually.TrueAsync(
            async () => (await _queue.GetCountsAsync()) is var c && c.Completed + c.Failed == jobs,
            TimeSpan.FromMinutes(3),
            "every job to finish");

        var counts = await _queue.GetCountsAsync();
        var completions = (await _client.ExecuteAsync("HGETALL", $"test:{{{_queue.Name}}}:completions")).Items;
        var completedOnce = new Dictionary<string, string>();
        for (var i = 0; i < completions.Count; i += 2)
        {
            completedOnce[completions[i].AsString()!] = completions[i + 1].AsString()!;
        }

        var infos = new List<JobInfo>();
        foreach (var chunk in Enumerable.Range(0, jobs).Chunk(500))
        {
            infos.AddRange((await Task.WhenAll(chunk.Select(i => _queue.GetJobAsync("s" + i))))!);
        }

        var mismatches = new List<string>();
        for (var i = 0; i < jobs; i++)
        {
            var job = infos[i];
            var (state, made) = scripts[i] switch
            {
                "u" => (JobState.Failed, 1),
                var k when int.Parse(k, CultureInfo.InvariantCulture) >= attempts => (JobState.Failed, attempts),
                var k => (JobState.Completed, int.Parse(k, CultureInfo.InvariantCulture) + 1),
            };
            var runs = completedOnce.GetValueOrDefault(job.Id);
            if (job.State != state || job.AttemptsMade != made || runs != (state == JobState.Completed ? "1" : null))
            {
                mismatches.Add($"{job.Id} script {scripts[i]}: {job.State}/{job.AttemptsMade}/{runs ?? "-"}");
            }
        }

        mismatches.ShouldBeEmpty();
        (counts.Waiting, counts.Prioritized, counts.Delayed, counts.Active).ShouldBe((0L, 0L, 0L, 0L));
    }

    private async Task<ServerProcess> StartWorkerProcessAsync(string mode, int concurrency, int lockMs, int stalledMs)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MusicGen.Redis.TestWorker.dll");
        var process = ServerProcess.Start("dotnet", [dll, fixture.ConnectionString, _queue.Name, mode, $"{concurrency}", $"{lockMs}", $"{stalledMs}"]);
        _processes.Add(process);
        await Eventually.TrueAsync(
            () => process.HasExited ? throw new InvalidOperationException("Worker exited:\n" + process.Output) : Task.FromResult(process.Output.Contains("ready", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the worker process to start");
        return process;
    }
}

public sealed class JobWorkerProcessOnRedisTests(RedisFixture fixture) : JobWorkerProcessTests(fixture), IClassFixture<RedisFixture>;

public sealed class JobWorkerProcessOnGarnetTests(GarnetFixture fixture) : JobWorkerProcessTests(fixture), IClassFixture<GarnetFixture>;
