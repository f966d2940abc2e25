using MusicGen.Core.Generations;
using MusicGen.Core.Leases;
using MusicGen.Core.Providers;
using MusicGen.Core.Storage;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Postgres;
using MusicGen.Worker.Maintenance;
using MusicGen.Worker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Worker.Tests.Maintenance;

public sealed class MaintenanceTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private WorkerEnvironment _environment = null!;

    public async ValueTask InitializeAsync() => _environment = await WorkerEnvironment.CreateAsync(postgres);

    public async ValueTask DisposeAsync() => await _environment.DisposeAsync();

    private async Task HoldLeaseAsync(string duty) =>
        (await new RedisLease(_environment.Client, duty, TimeSpan.FromMinutes(5)).TryAcquireAsync(CancellationToken.None)).ShouldBeTrue();

    [Fact]
    public async Task Lease_IsHeldByOneHolderAtATime_AndPassesOnWhenReleased()
    {
        var first = new RedisLease(_environment.Client, "test-duty", TimeSpan.FromSeconds(30));
        var second = new RedisLease(_environment.Client, "test-duty", TimeSpan.FromSeconds(30));

        (await first.TryAcquireAsync(CancellationToken.None)).ShouldBeTrue();
        (await second.TryAcquireAsync(CancellationToken.None)).ShouldBeFalse();
        (await first.TryAcquireAsync(CancellationToken.None)).ShouldBeTrue("the holder renews");

        await second.ReleaseAsync(CancellationToken.None);
        (await second.TryAcquireAsync(CancellationToken.None)).ShouldBeFalse("only the holder can release");

        await first.ReleaseAsync(CancellationToken.None);
        (await second.TryAcquireAsync(CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task Lease_OfADeadHolder_ExpiresForTheNext()
    {
        var dead = new RedisLease(_environment.Client, "test-duty", TimeSpan.FromMilliseconds(300));
        var next = new RedisLease(_environment.Client, "test-duty", TimeSpan.FromMilliseconds(300));
        (await dead.TryAcquireAsync(CancellationToken.None)).ShouldBeTrue();

        await Eventually.TrueAsync(() => next.TryAcquireAsync(CancellationToken.None), TimeSpan.FromSeconds(10), "the lease to expire");
    }

    [Fact]
    public async Task Reconciler_RequeuesAGenerationWithoutAJob_AndFailsOneThatUsedUpItsTries()
    {
        // The test runs the passes itself; holding the lease keeps the worker's own first pass from racing it.
        await HoldLeaseAsync("reconciler");
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(new Dictionary<string, string?>
        {
            ["Worker:Concurrency"] = "1",
            ["Maintenance:ReconcileInterval"] = "1.00:00:00",
            ["Maintenance:StuckAfter"] = "00:00:01",
            ["Maintenance:MaxTries"] = "3",
        }), s => s.AddSingleton<IMusicProvider>(new ScriptedProvider("scripted")));
        var lost = await _environment.SubmitAsync(provider: "scripted", enqueue: false);
        var exhausted = await _environment.SubmitAsync(provider: "scripted", enqueue: false, webhookUrl: "https://hooks.example.test/x");
        await using (_environment.Scope(out var db))
        {
            var past = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.Generations.Where(g => g.Id == lost.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.UpdatedAt, past));
            await db.Generations.Where(g => g.Id == exhausted.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.UpdatedAt, past).SetProperty(g => g.Status, GenerationStatus.Generating).SetProperty(g => g.Attempts, 3));
        }

        var reconciler = worker.Services.GetServices<IHostedService>().OfType<GenerationReconciler>().Single();
        (await reconciler.ReconcileOnceAsync(CancellationToken.None)).ShouldBe(2);

        (await _environment.WaitForStatusAsync(lost.Id, Timeout, GenerationStatus.Completed)).Tracks.Count.ShouldBe(2);
        var failed = (await _environment.FindAsync(exhausted.Id))!;
        failed.Status.ShouldBe(GenerationStatus.Failed);
        failed.ErrorCode.ShouldBe(ProviderErrorCodes.Stuck);
        (await _environment.DeliveriesAsync(exhausted.Id)).ShouldHaveSingleItem().Event.ShouldBe("generation.failed");
        (await reconciler.ReconcileOnceAsync(CancellationToken.None)).ShouldBe(0, "nothing is left to reconcile");
    }

    [Fact]
    public async Task OrphanSweep_DeletesOnlyBlobsNoTrackRefersTo()
    {
        // The test runs the passes itself; holding the lease keeps the worker's own first pass from racing it.
        await HoldLeaseAsync("orphan-sweep");
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(new Dictionary<string, string?>
        {
            ["Maintenance:OrphanGrace"] = "00:00:00",
            ["Maintenance:OrphanSweepInterval"] = "1.00:00:00",
        }), s => s.AddSingleton<IMusicProvider>(new ScriptedProvider("scripted")));
        var kept = await _environment.SubmitAsync(provider: "scripted", variations: 2);
        await _environment.WaitForStatusAsync(kept.Id, Timeout, GenerationStatus.Completed);
        await _environment.Store.PutAsync($"{StorageKeys.Prefix}orphan_{Guid.NewGuid():N}.mp3", new byte[3], "audio/mpeg", null, CancellationToken.None);
        await Task.Delay(50);

        var sweeper = worker.Services.GetServices<IHostedService>().OfType<OrphanBlobSweeper>().Single();
        (await sweeper.SweepOnceAsync(CancellationToken.None)).ShouldBe(1);

        var left = await _environment.BlobsAsync();
        left.Count.ShouldBe(2);
        left.ShouldAllBe(b => !b.Key.Contains("orphan"));
    }

    [Fact]
    public async Task Retention_DeletesTheAudioOfGenerationsFinishedLongerAgoThanAudioDays()
    {
        // The test runs the passes itself; holding the lease keeps the worker's own first pass from racing it.
        await HoldLeaseAsync("retention");
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(new Dictionary<string, string?>
        {
            ["Retention:AudioDays"] = "7",
            ["Maintenance:RetentionInterval"] = "1.00:00:00",
        }), s => s.AddSingleton<IMusicProvider>(new ScriptedProvider("scripted")));
        var old = await _environment.SubmitAsync(provider: "scripted", variations: 2);
        var recent = await _environment.SubmitAsync(provider: "scripted", variations: 1);
        await _environment.WaitForStatusAsync(old.Id, Timeout, GenerationStatus.Completed);
        await _environment.WaitForStatusAsync(recent.Id, Timeout, GenerationStatus.Completed);
        await using (_environment.Scope(out var db))
        {
            var longAgo = DateTimeOffset.UtcNow.AddDays(-8);
            await db.Generations.Where(g => g.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.CompletedAt, longAgo));
        }

        var retention = worker.Services.GetServices<IHostedService>().OfType<RetentionService>().Single();
        (await retention.ExpireAudioAsync(CancellationToken.None)).ShouldBe(2);

        var expired = (await _environment.FindAsync(old.Id))!;
        expired.Tracks.Count.ShouldBe(2, "the track rows stay");
        expired.Tracks.ShouldAllBe(t => t.Files.Count == 0);
        (await _environment.FindAsync(recent.Id))!.Tracks.Single().Files.Count.ShouldBe(1);
        (await _environment.BlobsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task QueueRequeue_RevivesACompletedOrFlushedJob()
    {
        var id = Guid.CreateVersion7();
        await _environment.GenerationQueue.EnqueueAsync(id, null, CancellationToken.None);
        await _environment.Client.ExecuteAsync("FLUSHALL");
        await _environment.GenerationQueue.RequeueAsync(id, CancellationToken.None);
        (await _environment.Queue.GetJobAsync(id.ToString()))!.State.ShouldBe(JobState.Waiting);
    }
}
