using System.Net;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Admin;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Admin;

public sealed class AdminQueuesApiTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/v1/admin/queues" },
        { "POST", "/api/v1/admin/queues/pause" },
        { "POST", "/api/v1/admin/queues/resume" },
        { "GET", "/api/v1/admin/queues/failed" },
        { "POST", $"/api/v1/admin/queues/failed/{Guid.NewGuid()}/retry" },
        { "POST", "/api/v1/admin/queues/failed/retry-all" },
        { "POST", "/api/v1/admin/queues/clean" },
        { "GET", "/api/v1/admin/providers" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task UsersGetForbiddenProblemAndAnonymousUnauthorized(string method, string path)
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var admin = await factory.CreateUserClientAsync();
        using var user = await factory.CreateUserClientAsync();
        using var anonymous = factory.CreateClient();

        var forbidden = await user.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        var unauthorized = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task OverviewCountsQueueAndDatabaseAndThroughput(DatabaseProvider provider)
    {
        await using var factory = await CreateFactoryAsync(provider, postgres, redis);
        using var admin = await factory.CreateUserClientAsync();
        var adminId = await admin.GetUserIdAsync();
        var queue = factory.Services.GetRequiredService<JobQueue>();
        var before = await queue.GetCountsAsync(Ct);
        await admin.SubmitAsync();
        await AddEndedAsync(factory, adminId, GenerationStatus.Completed, 3, DateTimeOffset.UtcNow.AddMinutes(-5));
        await AddEndedAsync(factory, adminId, GenerationStatus.Failed, 2, DateTimeOffset.UtcNow.AddMinutes(-10));
        await AddEndedAsync(factory, adminId, GenerationStatus.Completed, 4, DateTimeOffset.UtcNow.AddHours(-3));

        var overview = (await admin.GetFromJsonAsync<QueueOverview>("/api/v1/admin/queues", Ct))!;

        overview.Queue.ShouldNotBeNull().Waiting.ShouldBe(before.Waiting + 1);
        overview.QueueError.ShouldBeNull();
        overview.Generations["Queued"].ShouldBe(1);
        overview.Generations["Completed"].ShouldBe(7);
        overview.Generations["Failed"].ShouldBe(2);
        overview.Throughput.ShouldSatisfyAllConditions(
            t => t.WindowMinutes.ShouldBe(60),
            t => t.Completed.ShouldBe(3),
            t => t.Failed.ShouldBe(2),
            t => t.Minutes.Count.ShouldBe(60),
            t => t.Minutes.Sum(m => m.Completed).ShouldBe(3),
            t => t.Minutes.Count(m => m.Completed > 0).ShouldBe(1),
            t => t.CompletedPerMinute.ShouldBe(3 / 60.0));
    }

    [Fact]
    public async Task PauseAndResumeTheQueue()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var admin = await factory.CreateUserClientAsync();
        var queue = factory.Services.GetRequiredService<JobQueue>();

        try
        {
            var paused = await (await admin.PostAsync("/api/v1/admin/queues/pause", null, Ct)).Content.ReadFromJsonAsync<QueueCountsResponse>(Ct);
            var pausedInRedis = (await queue.GetCountsAsync(Ct)).IsPaused;
            var resumed = await (await admin.PostAsync("/api/v1/admin/queues/resume", null, Ct)).Content.ReadFromJsonAsync<QueueCountsResponse>(Ct);

            paused!.Paused.ShouldBeTrue();
            pausedInRedis.ShouldBeTrue();
            resumed!.Paused.ShouldBeFalse();
            (await queue.GetCountsAsync(Ct)).IsPaused.ShouldBeFalse();
        }
        finally
        {
            await queue.ResumeAsync(Ct);
        }
    }

    [Fact]
    public async Task FailedGenerationsAreListedAndRetriedBackToQueuedAndEnqueued()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var admin = await factory.CreateUserClientAsync();
        using var user = await factory.CreateUserClientAsync();
        var userId = await user.GetUserIdAsync();
        var failed = await AddEndedAsync(factory, userId, GenerationStatus.Failed, 3, DateTimeOffset.UtcNow.AddMinutes(-1));
        await AddEndedAsync(factory, userId, GenerationStatus.Completed, 1, DateTimeOffset.UtcNow);
        var queue = factory.Services.GetRequiredService<JobQueue>();

        var page = (await admin.GetFromJsonAsync<FailedGenerationPage>("/api/v1/admin/queues/failed?pageSize=2", Ct))!;
        var retryOne = await admin.PostAsync($"/api/v1/admin/queues/failed/{failed[0]}/retry", null, Ct);
        var retryAgain = await admin.PostAsync($"/api/v1/admin/queues/failed/{failed[0]}/retry", null, Ct);
        var retryUnknown = await admin.PostAsync($"/api/v1/admin/queues/failed/{Guid.NewGuid()}/retry", null, Ct);
        var retryAll = (await (await admin.PostAsync("/api/v1/admin/queues/failed/retry-all", null, Ct)).Content.ReadFromJsonAsync<QueueActionResult>(Ct))!;

        page.ShouldSatisfyAllConditions(
            p => p.Total.ShouldBe(3),
            p => p.Items.Count.ShouldBe(2),
            p => p.Items[0].ErrorCode.ShouldBe("provider_unavailable"),
            p => p.Items[0].ErrorMessage.ShouldNotBeNullOrWhiteSpace(),
            p => p.Items[0].UserId.ShouldBe(userId));
        retryOne.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await retryAgain.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        retryUnknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        retryAll.Affected.ShouldBe(2);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        foreach (var id in failed)
        {
            var generation = await db.Generations.AsNoTracking().SingleAsync(g => g.Id == id, Ct);
            generation.ShouldSatisfyAllConditions(g => g.Status.ShouldBe(GenerationStatus.Queued), g => g.ErrorCode.ShouldBeNull(), g => g.CompletedAt.ShouldBeNull());
            (await queue.GetJobAsync(id.ToString(), Ct)).ShouldNotBeNull().State.ShouldBe(JobState.Waiting);
        }

        (await admin.GetFromJsonAsync<FailedGenerationPage>("/api/v1/admin/queues/failed", Ct))!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task CleanRemovesFailedJobsFromTheQueue()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis);
        using var admin = await factory.CreateUserClientAsync();
        var queue = factory.Services.GetRequiredService<JobQueue>();
        await queue.CleanAsync(JobState.Failed, TimeSpan.Zero, 10_000, Ct);
        var id = $"doomed-{Guid.NewGuid():N}";
        await queue.AddAsync(id, "{}", new JobOptions { Attempts = 1 }, Ct);
        await using (var worker = new JobWorker(queue, (_, _) => throw new UnrecoverableJobException("broken on purpose")))
        {
            await worker.StartAsync(Ct);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await queue.GetJobAsync(id, Ct))?.State != JobState.Failed)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline);
                await Task.Delay(50, Ct);
            }
        }

        var cleaned = (await (await admin.PostAsync("/api/v1/admin/queues/clean", null, Ct)).Content.ReadFromJsonAsync<QueueActionResult>(Ct))!;
        var invalid = await admin.PostAsync("/api/v1/admin/queues/clean?olderThanSeconds=-1", null, Ct);

        cleaned.Affected.ShouldBeGreaterThanOrEqualTo(1);
        (await queue.GetJobAsync(id, Ct)).ShouldBeNull();
        (await queue.GetCountsAsync(Ct)).Failed.ShouldBe(0);
        await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "olderThanSeconds");
    }

    [Fact]
    public async Task ProvidersSayWhichAreConfigured()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis, new() { ["Providers:ElevenLabs:ApiKey"] = "sk-test" });
        using var admin = await factory.CreateUserClientAsync();

        var providers = (await admin.GetFromJsonAsync<List<ProviderHealth>>("/api/v1/admin/providers", Ct))!;

        providers.ToDictionary(p => p.Name, p => p.Configured).ShouldBe(new Dictionary<string, bool> { ["local"] = true, ["elevenlabs"] = true, ["suno"] = false });
        providers.Single(p => p.Name == "suno").Detail.ShouldContain("Providers:Suno:ApiKey");
    }

    private static async Task<List<Guid>> AddEndedAsync(ApiFactory factory, Guid userId, GenerationStatus status, int count, DateTimeOffset endedAt)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicDbContext>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var generation = new Generation
            {
                Id = Guid.CreateVersion7(),
                UserId = userId,
                Name = $"{status} {i}",
                Prompt = "piano",
                LengthMs = 10_000,
                OutputFormat = "mp3_44100_128",
                Variations = 1,
                Provider = "local",
                Status = status,
                Attempts = 2,
                ErrorCode = status == GenerationStatus.Failed ? "provider_unavailable" : null,
                ErrorMessage = status == GenerationStatus.Failed ? "The provider did not answer after 2 attempts." : null,
                CreatedAt = endedAt.AddMinutes(-1),
                UpdatedAt = endedAt.AddSeconds(i),
                CompletedAt = endedAt,
            };
            db.Generations.Add(generation);
            ids.Add(generation.Id);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return ids;
    }
}
