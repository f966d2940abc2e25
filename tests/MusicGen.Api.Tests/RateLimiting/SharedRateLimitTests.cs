using System.Net;
using System.Net.Http.Headers;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.RateLimiting;

public sealed class SharedRateLimitTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LimitHoldsAcrossTwoApiReplicas()
    {
        var limit = new Dictionary<string, string?> { ["Quotas:SubmissionsPerMinute"] = "3" };
        await using var first = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis, new(limit));
        var database = first.Services.GetRequiredService<IConfiguration>().GetConnectionString("musicdb");
        await using var second = await CreateFactoryAsync(DatabaseProvider.Sqlite, postgres, redis, new(limit) { ["ConnectionStrings:musicdb"] = database });
        using var onFirst = await first.CreateUserClientAsync();
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = onFirst.DefaultRequestHeaders.Authorization;

        (await onFirst.PostRawAsync(Request())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await onSecond.PostRawAsync(Request())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await onFirst.PostRawAsync(Request())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var rejectedOnSecond = await onSecond.PostRawAsync(Request());
        var rejectedOnFirst = await onFirst.PostRawAsync(Request());

        await rejectedOnSecond.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        RetryAfterSeconds(rejectedOnSecond).ShouldBeInRange(1, 60);
        rejectedOnFirst.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // Another user has a window of their own.
        using var someoneElse = await second.CreateUserClientAsync();
        (await someoneElse.PostRawAsync(Request())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task WithRedisUnreachableEachReplicaStillLimits()
    {
        // The default factory points the cache at a closed port.
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres, new Dictionary<string, string?> { ["Quotas:SubmissionsPerMinute"] = "2" });
        using var client = await factory.CreateUserClientAsync();

        (await client.PostRawAsync(Request())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.PostRawAsync(Request())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var rejected = await client.PostRawAsync(Request());

        await rejected.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        RetryAfterSeconds(rejected).ShouldBeInRange(1, 60);
    }

    private static int RetryAfterSeconds(HttpResponseMessage response) =>
        (int)(response.Headers.RetryAfter?.Delta ?? throw new ShouldAssertException("no Retry-After header")).TotalSeconds;
}
