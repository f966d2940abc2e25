using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using MusicGen.Redis;

namespace MusicGen.Web.SharedState;

/// <summary>
/// <see cref="IDistributedCache"/> on the repository's own RESP client, so every Web replica reads the same
/// sign-in sessions. Each entry is a hash — value, sliding window and absolute expiry in Unix ms — with the
/// key's TTL set to whichever ends first; a read or refresh of a sliding entry pushes its TTL out again.
/// </summary>
public sealed class RedisDistributedCache(RedisClient redis, TimeProvider time) : IDistributedCache
{
    private const long None = -1;

    // HSET then the TTL in one script, so no reader sees an entry without its expiry.
    private static readonly RedisScript Store = new("""
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', ARGV[2], 'a', ARGV[3])
        if ARGV[4] ~= '-1' then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return 1
        """);

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var reply = await redis.ExecuteAsync(null, token, "HMGET", key, "v", "s", "a");
        if (reply.Items.Count < 3 || reply.Items[0].IsNull)
        {
            return null;
        }

        await SlideAsync(key, reply.Items[1].AsString(), reply.Items[2].AsString(), token);
        return reply.Items[0].AsBytes();
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();
        var absolute = options.AbsoluteExpiration ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        if (absolute <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), absolute, "The absolute expiration must be in the future.");
        }

        var sliding = options.SlidingExpiration is { } window ? (long)window.TotalMilliseconds : None;
        var absoluteMs = absolute?.ToUnixTimeMilliseconds() ?? None;
        await redis.EvalAsync(Store, [key], [value, sliding, absoluteMs, Ttl(sliding, absoluteMs, now)], token);
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        var reply = await redis.ExecuteAsync(null, token, "HMGET", key, "s", "a");
        if (reply.Items.Count == 2)
        {
            await SlideAsync(key, reply.Items[0].AsString(), reply.Items[1].AsString(), token);
        }
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default) => await redis.ExecuteAsync(null, token, "DEL", key);

    private async Task SlideAsync(string key, string? slidingText, string? absoluteText, CancellationToken token)
    {
        if (!long.TryParse(slidingText, CultureInfo.InvariantCulture, out var sliding) || sliding == None)
        {
            return;
        }

        var absolute = long.TryParse(absoluteText, CultureInfo.InvariantCulture, out var a) ? a : None;
        await redis.ExecuteAsync(null, token, "PEXPIRE", key, Ttl(sliding, absolute, time.GetUtcNow()));
    }

    /// <summary>Milliseconds until the entry expires: the sliding window, cut short by the absolute expiry; -1 for never.</summary>
    private static long Ttl(long sliding, long absoluteMs, DateTimeOffset now)
    {
        var untilAbsolute = absoluteMs == None ? None : Math.Max(1, absoluteMs - now.ToUnixTimeMilliseconds());
        return (sliding, untilAbsolute) switch
        {
            (None, var a) => a,
            (var s, None) => s,
            var (s, a) => Math.Min(s, a),
        };
    }
}
