using Microsoft.Extensions.Caching.Distributed;
using MusicGen.Redis;
using MusicGen.Testing.Redis;
using MusicGen.Web.SharedState;

namespace MusicGen.Web.Tests;

/// <summary>The session cache's contract, against Redis and against Garnet (the embedded default).</summary>
public abstract class RedisDistributedCacheTests(RedisServerFixture server) : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ManualTime _time = new();
    private RedisClient? _client;

    private async Task<(RedisClient Client, RedisDistributedCache Cache)> ConnectAsync()
    {
        _client ??= await RedisClient.ConnectAsync(server.ConnectionString, Ct);
        return (_client, new RedisDistributedCache(_client, _time));
    }

    [Fact]
    public async Task StoresBytesUntilTheAbsoluteExpiryAndForgetsOnRemove()
    {
        var (client, cache) = await ConnectAsync();
        var key = $"test:{Guid.NewGuid():N}";
        byte[] value = [0, 1, 2, 255, 13, 10];

        await cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpiration = _time.GetUtcNow().AddMinutes(5) }, Ct);
        var read = await cache.GetAsync(key, Ct);
        var ttl = (await client.ExecuteAsync("PTTL", key)).AsInt64();
        await cache.RemoveAsync(key, Ct);

        read.ShouldBe(value);
        ttl.ShouldBeInRange(1, 300_000);
        (await cache.GetAsync(key, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task SlidingEntryIsPushedOutByAReadButNeverPastItsAbsoluteExpiry()
    {
        var (client, cache) = await ConnectAsync();
        var key = $"test:{Guid.NewGuid():N}";
        await cache.SetAsync(key, [7], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(30), AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(40) }, Ct);
        await client.ExecuteAsync("PEXPIRE", key, 1_000);

        await cache.RefreshAsync(key, Ct);
        var afterRefresh = (await client.ExecuteAsync("PTTL", key)).AsInt64();
        _time.Advance(TimeSpan.FromSeconds(25));
        await cache.GetAsync(key, Ct);
        var nearTheEnd = (await client.ExecuteAsync("PTTL", key)).AsInt64();

        afterRefresh.ShouldBeInRange(20_000, 30_000);
        nearTheEnd.ShouldBeInRange(1, 15_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A clock the test moves; Redis's own TTLs still run on the server's clock, which is why the figures above are ranges.</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

public sealed class RedisDistributedCacheOnRedisTests(RedisFixture server) : RedisDistributedCacheTests(server), IClassFixture<RedisFixture>;

public sealed class RedisDistributedCacheOnGarnetTests(GarnetFixture server) : RedisDistributedCacheTests(server), IClassFixture<GarnetFixture>;
