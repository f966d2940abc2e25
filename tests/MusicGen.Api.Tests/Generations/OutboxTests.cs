using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Data;
using MusicGen.Redis.Queue;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Generations;

public sealed class OutboxTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task SubmitsWhileRedisIsDownAreAcceptedAndQueuedOnceItReturns(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisTestServer.StartAsync(RedisServerKind.Redis);
        await using var factory = await ApiFactory.CreateAsync(provider, postgres, new Dictionary<string, string?> { ["ConnectionStrings:cache"] = redis.ConnectionString });
        using var client = await factory.CreateUserClientAsync();
        var queue = factory.Services.GetRequiredService<JobQueue>();
        var before = await client.SubmitAsync();

        redis.Kill();
        var during = new List<GenerationResponse>();
        for (var i = 0; i < 3; i++)
        {
            during.Add(await client.SubmitAsync(Request($"during outage {i}")));
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var unsent = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().OutboxMessages.CountAsync(m => m.SentAt == null, ct);
            unsent.ShouldBe(3);
        }

        await redis.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JobCounts counts;
        do
        {
            await Task.Delay(500, ct);
            counts = await queue.GetCountsAsync(ct);
        }
        while (counts.Waiting < 3 && DateTime.UtcNow < deadline);

        foreach (var generation in during)
        {
            (await queue.GetJobAsync(generation.Id.ToString(), ct)).ShouldNotBeNull();
        }

        // redis-server restarted without persistence, so only the outage's jobs exist, each once.
        counts.Waiting.ShouldBe(3);
        (await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations", ct))!.Total.ShouldBe(4);
        before.Status.ShouldBe("Queued");
    }
}
