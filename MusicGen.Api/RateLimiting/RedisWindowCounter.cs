using MusicGen.Redis;

namespace MusicGen.Api.RateLimiting;

/// <summary>
/// A fixed window counter in Redis shared by every API replica: INCR and, for the first hit of a
/// window, PEXPIRE, in one script so a crash between the two can never leave a counter without
/// expiry (which would block its user for good).
/// </summary>
public sealed class RedisWindowCounter(RedisClient redis)
{
    private static readonly RedisScript Script = new("""
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """);

    /// <summary>Counts one hit; returns the hits so far in the current window and the time until it ends.</summary>
    public async Task<(long Count, TimeSpan ResetsIn)> HitAsync(string key, TimeSpan window, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reply = await redis.EvalAsync(Script, [key], [(long)window.TotalMilliseconds], cancellationToken, timeout);
        return (reply.Items[0].AsInt64(), TimeSpan.FromMilliseconds(reply.Items[1].AsInt64()));
    }
}
