using MusicGen.Core.Generations;
using MusicGen.Core.Queueing;
using MusicGen.Testing;
using MusicGen.Testing.Postgres;
using MusicGen.Worker.Tests.Infrastructure;

namespace MusicGen.Worker.Tests.Reliability;

/// <summary>
/// The Worker as real processes on real Postgres, Redis and storage, while things are killed, flushed or
/// unplugged: every generation still ends terminal, once, with one set of tracks and files.
/// </summary>
public sealed class WorkerCrashTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly List<ServerProcess> _workers = [];
    private WorkerEnvironment? _environment;

    private WorkerEnvironment Environment => _environment!;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }
    }

    [Fact]
    public async Task WorkerKilledMidRender_GenerationCompletesOnceAfterRestart_WithoutDuplicateTracksOrBlobs()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres);
        var doomed = await StartWorkerAsync();
        // Two 10-minute variations: long enough that the render is still running when the worker is killed.
        var generation = await Environment.SubmitAsync(lengthMs: 600_000, variations: 2, webhookUrl: "https://hooks.example.test/x");
        await Eventually.TrueAsync(async () => await Environment.FindAsync(generation.Id) is { Status: GenerationStatus.Generating, Progress: >= 5 }, Timeout, "the render to be under way");

        Signals.Send(doomed.ProcessId, Signals.SigKill);
        await Task.Delay(500);
        (await Environment.StatusAsync(generation.Id)).ShouldBe(GenerationStatus.Generating);

        await StartWorkerAsync();
        var done = await Environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        done.Status.ShouldBe(GenerationStatus.Completed, done.ErrorMessage);
        done.Attempts.ShouldBeGreaterThanOrEqualTo(2);
        done.Tracks.Select(t => t.VariantIndex).Order().ShouldBe([0, 1]);
        (await Environment.BlobsAsync()).Count.ShouldBe(4);
        (await Environment.DeliveriesAsync(generation.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task RedisFlushed_WithGenerationsQueuedAndRunning_AllComplete()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres);
        var generations = new List<Generation>();
        for (var i = 0; i < 50; i++)
        {
            generations.Add(await Environment.SubmitAsync(lengthMs: 3_000, variations: 1, webhookUrl: "https://hooks.example.test/x"));
        }

        await StartWorkerAsync();
        await Eventually.TrueAsync(async () => await CountAsync(generations, GenerationStatus.Completed) >= 2, Timeout, "a few generations to complete");

        await Environment.Client.ExecuteAsync("FLUSHALL");
        (await Environment.Queue.GetCountsAsync()).Total.ShouldBeLessThanOrEqualTo(2, "the queue is (nearly) empty after the flush");

        await Eventually.TrueAsync(async () => await CountAsync(generations, GenerationStatus.Completed) == generations.Count, Timeout,
            "every generation to complete through the reconciler", () => _workers[^1].Output);
        foreach (var generation in generations)
        {
            (await Environment.FindAsync(generation.Id))!.Tracks.Count.ShouldBe(1);
            (await Environment.DeliveriesAsync(generation.Id)).Count.ShouldBe(1);
        }

        (await Environment.BlobsAsync()).Count.ShouldBe(2 * generations.Count);
    }

    [Fact]
    public async Task StorageDownForTwentySeconds_DuringUploads_EveryGenerationCompletes_NoneFailed()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres, s3: true,
            queueOptions: new GenerationQueueOptions { Attempts = 10, Backoff = TimeSpan.FromSeconds(1), BackoffJitter = 0 });
        await StartWorkerAsync();
        var generations = new List<Generation>();
        for (var i = 0; i < 8; i++)
        {
            generations.Add(await Environment.SubmitAsync(lengthMs: 3_000, variations: 1));
        }

        await Eventually.TrueAsync(async () => await CountAsync(generations, GenerationStatus.Completed) >= 1, Timeout, "the first uploads");
        await Environment.S3!.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(20));
        (await CountAsync(generations, GenerationStatus.Failed)).ShouldBe(0);
        await Environment.S3.RestartAsync();

        await Eventually.TrueAsync(async () => await CountAsync(generations, GenerationStatus.Completed, GenerationStatus.Failed) == generations.Count, Timeout,
            "every generation to finish", () => _workers[^1].Output);
        (await CountAsync(generations, GenerationStatus.Completed)).ShouldBe(generations.Count);
        (await Environment.BlobsAsync()).Count.ShouldBe(2 * generations.Count);
        var attempts = 0;
        foreach (var generation in generations)
        {
            attempts += (await Environment.FindAsync(generation.Id))!.Attempts;
        }

        attempts.ShouldBeGreaterThan(generations.Count, "some uploads failed while storage was down and were retried");
    }

    [Fact]
    public async Task Soak_TwoWorkersKilledAtRandom_EveryGenerationEndsTerminalOnce()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres);
        var settings = Environment.WorkerSettings();
        var generations = new List<Generation>();
        for (var i = 0; i < 500; i++)
        {
            generations.Add(await Environment.SubmitAsync(lengthMs: 10_000, variations: 1, webhookUrl: "https://hooks.example.test/x"));
        }

        var workers = new[] { await StartWorkerAsync(settings), await StartWorkerAsync(settings) };
        var random = new Random(42);
        var kills = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        while (await CountAsync(generations, GenerationStatus.Completed, GenerationStatus.Failed) < generations.Count)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the soak did not finish in time");
            await Task.Delay(TimeSpan.FromSeconds(2 + random.Next(4)));
            if (kills < 20)
            {
                var victim = random.Next(workers.Length);
                Signals.Send(workers[victim].ProcessId, Signals.SigKill);
                kills++;
                workers[victim] = await StartWorkerAsync(settings);
            }
        }

        (await CountAsync(generations, GenerationStatus.Completed)).ShouldBe(generations.Count);
        foreach (var generation in generations)
        {
            (await Environment.FindAsync(generation.Id))!.Tracks.Count.ShouldBe(1);

            // One delivery per generation: its terminal transition happened exactly once.
            (await Environment.DeliveriesAsync(generation.Id)).Count.ShouldBe(1);
        }

        (await Environment.BlobsAsync()).Count.ShouldBe(2 * generations.Count);
    }

    [Fact]
    public async Task Shutdown_FinishesTheRunningGeneration_BeforeTheProcessExits()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres);
        var worker = await StartWorkerAsync(Environment.WorkerSettings(new Dictionary<string, string?> { ["DOTNET_shutdownTimeoutSeconds"] = "120" }));
        // Two minutes: long enough to be seen under way before the worker is told to stop.
        var generation = await Environment.SubmitAsync(lengthMs: 120_000, variations: 1);
        await Eventually.TrueAsync(async () => await Environment.FindAsync(generation.Id) is { Status: GenerationStatus.Generating, Progress: >= 3 }, Timeout, "the render to be under way");

        await worker.StopAsync(TimeSpan.FromMinutes(2));

        worker.HasExited.ShouldBeTrue();
        (await Environment.StatusAsync(generation.Id)).ShouldBe(GenerationStatus.Completed);
    }

    [Fact]
    public async Task Shutdown_PastItsTimeout_HandsTheGenerationBack_ForTheNextWorker()
    {
        _environment = await WorkerEnvironment.CreateAsync(postgres);
        var worker = await StartWorkerAsync(Environment.WorkerSettings(new Dictionary<string, string?> { ["DOTNET_shutdownTimeoutSeconds"] = "1" }));

        // The longest take there is (two 10-minute variations): several seconds of rendering and encoding, so it
        // is still running when the one-second shutdown timeout ends, however fast the engine gets.
        var generation = await Environment.SubmitAsync(lengthMs: 600_000, variations: 2);
        await Eventually.TrueAsync(async () => await Environment.FindAsync(generation.Id) is { Status: GenerationStatus.Generating, Progress: >= 3 }, Timeout, "the render to be under way");

        await worker.StopAsync(TimeSpan.FromSeconds(30));

        worker.HasExited.ShouldBeTrue();
        (await Environment.StatusAsync(generation.Id)).ShouldBe(GenerationStatus.Queued);
        await StartWorkerAsync();
        var done = await Environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);
        done.Status.ShouldBe(GenerationStatus.Completed, done.ErrorMessage);
        done.Tracks.Count.ShouldBe(2);
    }

    private async Task<ServerProcess> StartWorkerAsync(IDictionary<string, string?>? settings = null)
    {
        var process = await WorkerProcess.StartAsync(settings ?? Environment.WorkerSettings());
        _workers.Add(process);
        return process;
    }

    private async Task<int> CountAsync(IEnumerable<Generation> generations, params GenerationStatus[] statuses)
    {
        var count = 0;
        foreach (var generation in generations)
        {
            if (await Environment.StatusAsync(generation.Id) is { } status && statuses.Contains(status))
            {
                count++;
            }
        }

        return count;
    }
}
