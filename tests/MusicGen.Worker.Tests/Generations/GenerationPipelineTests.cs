using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;
using MusicGen.Core.Providers;
using MusicGen.Core.Webhooks;
using MusicGen.Redis;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Postgres;
using MusicGen.Worker.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Worker.Tests.Generations;

/// <summary>The pipeline end to end with the Worker's services in this process, on real Postgres, Redis and a folder store.</summary>
public sealed class GenerationPipelineTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private WorkerEnvironment _environment = null!;

    public async ValueTask InitializeAsync() => _environment = await WorkerEnvironment.CreateAsync(postgres);

    public async ValueTask DisposeAsync() => await _environment.DisposeAsync();

    [Fact]
    public async Task LocalGeneration_Completes_WithTracksFilesAndAnalysis_AndPublishesProgress()
    {
        var events = new ConcurrentQueue<GenerationEvent>();
        await using var subscriber = await RedisSubscriber.ConnectAsync(_environment.Redis.ConnectionString);
        var generation = await _environment.SubmitAsync(lengthMs: 4_000, variations: 2, enqueue: false);
        await using var subscription = await subscriber.SubscribeAsync(GenerationEvents.Channel(generation.Id),
            (_, message) => events.Enqueue(JsonSerializer.Deserialize<GenerationEvent>(message.Span, JsonSerializerOptions.Web)!));
        await _environment.Client.ExecuteAsync("SET", GenerationEvents.StatusCacheKey(generation.Id), "stale");
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings());

        await _environment.GenerationQueue.EnqueueAsync(generation.Id, null, CancellationToken.None);
        var done = await _environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        done.Status.ShouldBe(GenerationStatus.Completed, done.ErrorMessage);
        done.Progress.ShouldBe(100);
        done.Attempts.ShouldBe(1);
        done.StartedAt.ShouldNotBeNull();
        done.CompletedAt.ShouldNotBeNull();
        done.Seed.ShouldBe((long)EngineRequests.SeedOf(generation), "the derived seed is kept so a re-render matches");
        done.Tracks.Select(t => t.VariantIndex).Order().ShouldBe([0, 1]);
        var blobs = await _environment.BlobsAsync();
        blobs.Count.ShouldBe(4);
        foreach (var track in done.Tracks)
        {
            track.DurationMs.ShouldBeInRange(3_900, 4_100);
            track.Bpm.ShouldNotBeNull().ShouldBeGreaterThan(0);
            track.MusicalKey.ShouldNotBeNullOrWhiteSpace();
            track.LoudnessLufs.ShouldNotBeNull().ShouldBe(-14, 1.0, "the master's loudness target");
            track.TruePeakDbtp.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(-1.0, "the master's true-peak ceiling");
            WorkerEnvironment.Json(track.Sections!).GetArrayLength().ShouldBeGreaterThan(0);
            WorkerEnvironment.Json(track.WaveformPeaks!).GetArrayLength().ShouldBeGreaterThan(100);
            track.Files.Select(f => (f.Kind, f.Name, f.ContentType)).OrderBy(f => f.Kind)
                .ShouldBe([(TrackFileKind.Audio, "mp3", "audio/mpeg"), (TrackFileKind.Midi, "mid", "audio/midi")]);

            var audio = track.Files.Single(f => f.Kind == TrackFileKind.Audio);
            audio.StorageKey.ShouldStartWith(Core.Storage.StorageKeys.TrackBase(generation.CreatedAt, generation.Name, generation.Id, track.VariantIndex));
            await using var blob = await _environment.Store.OpenReadAsync(audio.StorageKey, null, CancellationToken.None);
            blob.ShouldNotBeNull().ContentType.ShouldBe("audio/mpeg");
            using var content = new MemoryStream();
            await blob.Content.CopyToAsync(content);
            content.Length.ShouldBe(track.SizeBytes);
            Convert.ToHexStringLower(SHA256.HashData(content.ToArray())).ShouldBe(track.Checksum);
        }

        await Eventually.TrueAsync(() => Task.FromResult(events.Any(e => e.Status == "Completed")), TimeSpan.FromSeconds(10), "the Completed event");
        events.ShouldContain(e => e.Status == "Generating" && e.Stage == "rendering");
        events.ShouldContain(e => e.Status == "Generating" && e.Stage == "uploading", string.Join(", ", events.Select(e => $"{e.Status}/{e.Stage}/{e.Progress}")));
        events.Where(e => e.Status == "Generating").Select(e => e.Progress).ShouldBeInOrder(SortDirection.Ascending);
        (await _environment.Client.ExecuteAsync("EXISTS", GenerationEvents.StatusCacheKey(generation.Id))).AsInt64().ShouldBe(0);
        await Eventually.TrueAsync(async () => (await _environment.Queue.GetJobAsync(generation.Id.ToString()))!.State == JobState.Completed, Timeout, "the job to complete");
    }

    [Fact]
    public async Task DuplicateDeliveries_RunningAtOnce_LeaveOneSetOfTracksAndOneWebhook()
    {
        var generation = await _environment.SubmitAsync(lengthMs: 3_000, variations: 2, webhookUrl: "https://hooks.example.test/done", enqueue: false);

        // Two jobs for one generation, taken by two slots at once, as a redelivery racing the original would be.
        var payload = JsonSerializer.Serialize(new GenerationJob(generation.Id));
        await _environment.Queue.AddAsync(generation.Id.ToString(), payload, _environment.GenerationQueue.JobOptions);
        await _environment.Queue.AddAsync("duplicate-" + generation.Id, payload, _environment.GenerationQueue.JobOptions);
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings());

        await Eventually.TrueAsync(async () => (await _environment.Queue.GetCountsAsync()).Completed == 2, Timeout, "both jobs to finish");

        var done = (await _environment.FindAsync(generation.Id))!;
        done.Status.ShouldBe(GenerationStatus.Completed);
        done.Tracks.Count.ShouldBe(2);
        (await _environment.BlobsAsync()).Count.ShouldBe(4);
        (await _environment.DeliveriesAsync(generation.Id)).Count.ShouldBe(1);

        // And a late redelivery of a finished job changes nothing.
        await _environment.GenerationQueue.RequeueAsync(generation.Id, CancellationToken.None);
        await Eventually.TrueAsync(async () => (await _environment.Queue.GetJobAsync(generation.Id.ToString()))!.State == JobState.Completed, Timeout, "the redelivered job to finish");
        (await _environment.FindAsync(generation.Id))!.Tracks.Count.ShouldBe(2);
        (await _environment.BlobsAsync()).Count.ShouldBe(4);
        (await _environment.DeliveriesAsync(generation.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task TransientProviderFailures_TwiceThenSuccess_Completes_WithTheAttemptsRecorded()
    {
        var provider = new ScriptedProvider("scripted", ProviderException.Unavailable("upstream 503"), ProviderException.Unavailable("upstream 503"), null);
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(), s => s.AddSingleton<IMusicProvider>(provider));

        var generation = await _environment.SubmitAsync(provider: "scripted", variations: 2);
        var done = await _environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        done.Status.ShouldBe(GenerationStatus.Completed, done.ErrorMessage);
        done.Attempts.ShouldBe(3);
        done.ErrorCode.ShouldBeNull();
        provider.Calls.ShouldBe(3);
        done.Tracks.Count.ShouldBe(2);

        // The queue records the job's end a moment after the generation's row.
        await Eventually.TrueAsync(async () => (await _environment.Queue.GetJobAsync(generation.Id.ToString()))!.State == JobState.Completed, Timeout, "the job to complete");
        (await _environment.Queue.GetJobAsync(generation.Id.ToString()))!.AttemptsMade.ShouldBe(3);
    }

    [Fact]
    public async Task TransientFailures_OnEveryAttempt_FailWithTheLastError()
    {
        var provider = new ScriptedProvider("scripted", ProviderException.Unavailable("upstream 503"), ProviderException.Unavailable("upstream 503"), ProviderException.Unavailable("upstream 502"));
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(), s => s.AddSingleton<IMusicProvider>(provider));

        var generation = await _environment.SubmitAsync(provider: "scripted", webhookUrl: "https://hooks.example.test/x");
        var done = await _environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        done.Status.ShouldBe(GenerationStatus.Failed);
        done.ErrorCode.ShouldBe(ProviderErrorCodes.ProviderUnavailable);
        done.ErrorMessage.ShouldNotBeNull().ShouldContain("upstream 502");
        done.Attempts.ShouldBe(3);
        provider.Calls.ShouldBe(3);
        var delivery = (await _environment.DeliveriesAsync(generation.Id)).ShouldHaveSingleItem();
        delivery.Event.ShouldBe("generation.failed");
        WorkerEnvironment.Json(delivery.Payload).GetProperty("error").GetProperty("code").GetString().ShouldBe(ProviderErrorCodes.ProviderUnavailable);
    }

    [Fact]
    public async Task PermanentProviderError_FailsAtOnce_WithItsCode()
    {
        var provider = new ScriptedProvider("scripted", ProviderException.Permanent(ProviderErrorCodes.ContentPolicy, "The prompt names a protected artist."));
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(), s => s.AddSingleton<IMusicProvider>(provider));

        var generation = await _environment.SubmitAsync(provider: "scripted");
        var done = await _environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        done.Status.ShouldBe(GenerationStatus.Failed);
        done.ErrorCode.ShouldBe(ProviderErrorCodes.ContentPolicy);
        done.ErrorMessage.ShouldBe("The prompt names a protected artist.");
        done.Attempts.ShouldBe(1);
        provider.Calls.ShouldBe(1);

        // The generation's row is marked Failed before the worker hands the job back to the queue as failed.
        await Eventually.TrueAsync(async () => (await _environment.Queue.GetJobAsync(generation.Id.ToString()))!.State == JobState.Failed, Timeout, "the job to fail");
        (await _environment.BlobsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("suno", null, "mp3_44100_128", ProviderErrorCodes.ProviderNotConfigured, "not configured")]
    [InlineData("nosuch", null, "mp3_44100_128", ProviderErrorCodes.ProviderNotConfigured, "unknown")]
    [InlineData("local", "la la la", "mp3_44100_128", ProviderErrorCodes.UnsupportedRequest, "lyrics")]
    [InlineData("local", null, "ogg_44100", ProviderErrorCodes.UnsupportedRequest, "outputFormat")]
    public async Task RequestsAProviderCannotServe_FailAtOnce_WithAClearCode(string provider, string? lyrics, string format, string code, string says)
    {
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings());

        var generation = await _environment.SubmitAsync(provider: provider, lyrics: lyrics, format: format);
        var done = await _environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        done.Status.ShouldBe(GenerationStatus.Failed);
        done.ErrorCode.ShouldBe(code);
        done.ErrorMessage.ShouldNotBeNull().ShouldContain(says);
        done.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Cancel_MidRender_EndsCanceled_WithNoFilesLeft()
    {
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings());
        // Two 10-minute variations: still rendering when the cancel lands, however fast the engine gets.
        var generation = await _environment.SubmitAsync(lengthMs: 600_000, variations: 2);
        await Eventually.TrueAsync(async () => await _environment.FindAsync(generation.Id) is { Status: GenerationStatus.Generating, Progress: > 3 }, Timeout, "the render to be under way");

        // What the API's cancel endpoint does.
        await using (_environment.Scope(out var db))
        {
            await db.Generations.Where(g => g.Id == generation.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GenerationStatus.Canceled).SetProperty(g => g.CompletedAt, DateTimeOffset.UtcNow));
        }

        await Eventually.TrueAsync(async () => (await _environment.Queue.GetJobAsync(generation.Id.ToString()))!.State == JobState.Completed, Timeout, "the worker to stop the job");

        var done = (await _environment.FindAsync(generation.Id))!;
        done.Status.ShouldBe(GenerationStatus.Canceled);
        done.Tracks.ShouldBeEmpty();
        (await _environment.BlobsAsync()).ShouldBeEmpty();
        (await _environment.DeliveriesAsync(generation.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Completion_QueuesWebhookDeliveries_ForMatchingActiveSubscriptionsAndTheRequestUrl()
    {
        var wanted = new WebhookSubscription { Id = Guid.CreateVersion7(), UserId = _environment.UserId, Url = "https://a.example.test/hook", Secret = "s", Events = "generation.completed", CreatedAt = DateTimeOffset.UtcNow };
        var all = new WebhookSubscription { Id = Guid.CreateVersion7(), UserId = _environment.UserId, Url = "https://b.example.test/hook", Secret = "s", Events = "", CreatedAt = DateTimeOffset.UtcNow };
        var failedOnly = new WebhookSubscription { Id = Guid.CreateVersion7(), UserId = _environment.UserId, Url = "https://c.example.test/hook", Secret = "s", Events = "generation.failed", CreatedAt = DateTimeOffset.UtcNow };
        var inactive = new WebhookSubscription { Id = Guid.CreateVersion7(), UserId = _environment.UserId, Url = "https://d.example.test/hook", Secret = "s", Active = false, CreatedAt = DateTimeOffset.UtcNow };
        await using (_environment.Scope(out var db))
        {
            db.WebhookSubscriptions.AddRange(wanted, all, failedOnly, inactive);
            await db.SaveChangesAsync();
        }

        var provider = new ScriptedProvider("scripted");
        await using var worker = await InProcessWorker.StartAsync(_environment.WorkerSettings(), s => s.AddSingleton<IMusicProvider>(provider));
        var generation = await _environment.SubmitAsync(provider: "scripted", variations: 2, webhookUrl: "https://own.example.test/hook");
        var done = await _environment.WaitForStatusAsync(generation.Id, Timeout, GenerationStatus.Completed, GenerationStatus.Failed);

        var deliveries = await _environment.DeliveriesAsync(generation.Id);
        deliveries.Select(d => d.Url).Order().ShouldBe(["https://a.example.test/hook", "https://b.example.test/hook", "https://own.example.test/hook"]);
        deliveries.ShouldAllBe(d => d.Event == "generation.completed");
        var payload = WorkerEnvironment.Json(deliveries[0].Payload);
        payload.GetProperty("event").GetString().ShouldBe("generation.completed");
        payload.GetProperty("generationId").GetGuid().ShouldBe(generation.Id);
        payload.GetProperty("status").GetString().ShouldBe("Completed");
        var tracks = payload.GetProperty("tracks").EnumerateArray().ToList();
        tracks.Select(t => t.GetProperty("id").GetGuid()).Order().ShouldBe(done.Tracks.Select(t => t.Id).Order());
        tracks.Select(t => t.GetProperty("variant").GetInt32()).ShouldBe([0, 1]);
        tracks.ShouldAllBe(t => t.GetProperty("durationMs").GetInt32() == 3_000);
    }
}
