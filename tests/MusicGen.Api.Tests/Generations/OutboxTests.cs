using System.Collections.Concurrent;
using System.Diagnostics;
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
        var requests = new ConcurrentDictionary<ActivityTraceId, string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => requests.TryAdd(a.TraceId, a.DisplayName),
        };
        ActivitySource.AddActivityListener(listener);
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

        // Each stored message carries the trace of the POST that wrote it, and the relay's job continues it.
        Dictionary<Guid, ActivityTraceId> stored;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<MusicDbContext>().OutboxMessages.Where(m => m.SentAt == null).ToListAsync(ct);
            stored = rows.ToDictionary(m => m.AggregateId, m => ActivityContext.Parse(m.TraceParent.ShouldNotBeNull(), m.TraceState).TraceId);
        }

        stored.Values.ShouldAllBe(trace => requests.ContainsKey(trace));
        stored.Values.Distinct().Count().ShouldBe(3, "one trace per request");

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
            var job = (await queue.GetJobAsync(generation.Id.ToString(), ct)).ShouldNotBeNull();
            ActivityContext.Parse(job.TraceParent.ShouldNotBeNull(), null).TraceId.ShouldBe(stored[generation.Id]);
        }

        // redis-server restarted without persistence, so only the outage's jobs exist, each once.
        counts.Waiting.ShouldBe(3);
        (await client.GetFromJsonAsync<GenerationPage>("/api/v1/generations", ct))!.Total.ShouldBe(4);
        before.Status.ShouldBe("Queued");
    }
}
