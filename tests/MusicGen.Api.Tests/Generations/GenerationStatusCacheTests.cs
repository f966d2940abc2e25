using System.Net;
using System.Net.Http.Json;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Contracts.Accounts;
using MusicGen.Contracts.Generations;
using MusicGen.Api.Generations;
using MusicGen.Core.Data;
using MusicGen.Core.Generations;
using MusicGen.Redis;
using MusicGen.Testing.Postgres;
using MusicGen.Testing.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MusicGen.Api.Tests.Generations.GenerationsTestSupport;

namespace MusicGen.Api.Tests.Generations;

public sealed class GenerationStatusCacheTests(PostgresServer postgres, RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetIsServedFromCacheUntilTheApiChangesTheGeneration()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        using var intruder = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();
        var url = $"/api/v1/generations/{generation.Id}";
        await owner.PostAsync(url + "/cancel", null, Ct);
        (await owner.GetFromJsonAsync<GenerationResponse>(url, Ct))!.Status.ShouldBe("Canceled");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MusicDbContext>().Generations
                .Where(g => g.Id == generation.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, "renamed behind the cache"), Ct);
        }

        var cached = await owner.GetFromJsonAsync<GenerationResponse>(url, Ct);
        var foreign = await intruder.GetAsync(url, Ct);
        await owner.PostAsync(url + "/retry", null, Ct);
        var fresh = await owner.GetFromJsonAsync<GenerationResponse>(url, Ct);

        cached!.Name.ShouldBe(generation.Name);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        fresh!.ShouldSatisfyAllConditions(g => g.Name.ShouldBe("renamed behind the cache"), g => g.Status.ShouldBe("Queued"));
    }

    [Fact]
    public async Task ReadThatRacedAChangeIsNotCached()
    {
        await using var factory = await CreateFactoryAsync(DatabaseProvider.Postgres, postgres, redis);
        using var owner = await factory.CreateUserClientAsync();
        var generation = await owner.SubmitAsync();
        var url = $"/api/v1/generations/{generation.Id}";
        var queued = (await owner.GetFromJsonAsync<GenerationResponse>(url, Ct))!;
        var ownerId = (await owner.GetFromJsonAsync<MeResponse>("/api/v1/me", Ct))!.Id;
        var cache = factory.Services.GetRequiredService<GenerationStatusCache>();
        var client = factory.Services.GetRequiredService<RedisClient>();
        await client.InvalidateStatusAsync(generation.Id, TimeSpan.FromSeconds(5), Ct);

        // A reader misses and reads the database; the Worker changes the generation before the reader stores.
        var before = await cache.ReadAsync(generation.Id, ownerId, Ct);
        await client.InvalidateStatusAsync(generation.Id, TimeSpan.FromSeconds(5), Ct);
        await cache.SetAsync(ownerId, queued, before.Version, Ct);
        var after = await cache.ReadAsync(generation.Id, ownerId, Ct);

        before.Json.ShouldBeNull();
        after.Json.ShouldBeNull("the older state must not be cached after the change");
        after.Version.ShouldNotBe(before.Version);

        await cache.SetAsync(ownerId, queued with { Name = "read after the change" }, after.Version, Ct);
        var hit = await cache.GetAsync(generation.Id, ownerId, Ct);
        hit.ShouldNotBeNull().Name.ShouldBe("read after the change");
    }
}
