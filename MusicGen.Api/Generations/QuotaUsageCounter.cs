using System.Globalization;
using MusicGen.Api.RateLimiting;
using MusicGen.Redis;

namespace MusicGen.Api.Generations;

/// <summary>
/// Each user's billed audio this month, kept in Redis so a submit does not sum the month's rows. The
/// database stays the truth: a missing counter is filled from the sum, and every counter expires after
/// <see cref="Lifetime"/> and is filled again, so it never drifts for long. Canceled and failed
/// generations stop counting in the database but not here, so the counter can only say too much; a
/// submit it would refuse is therefore checked against the exact sum before the user gets a 429.
/// When Redis is unavailable the submit path simply sums.
/// </summary>
public sealed class QuotaUsageCounter(RedisClient redis, RedisAvailability availability)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RedisTimeout = TimeSpan.FromMilliseconds(250);

    // Reserve: the usage before this submit, counting the submit in, or nil when there is no counter.
    private static readonly RedisScript Reserve = new("""
        local used = redis.call('GET', KEYS[1])
        if used then
          redis.call('INCRBY', KEYS[1], ARGV[1])
        end
        return used
        """);

    // Fill from the database sum; if another submit filled it meanwhile, add this one to that instead.
    private static readonly RedisScript Fill = new("""
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then
          return 1
        end
        redis.call('INCRBY', KEYS[1], ARGV[2])
        return 0
        """);

    /// <summary>Counts <paramref name="billedMs"/> in and returns the usage before it; null when the database must sum.</summary>
    public async Task<long?> ReserveAsync(Guid userId, DateTimeOffset monthStart, long billedMs, CancellationToken cancellationToken)
    {
        if (!availability.IsAvailable)
        {
            return null;
        }

        try
        {
            var reply = await redis.EvalAsync(Reserve, [Key(userId, monthStart)], [billedMs], cancellationToken, RedisTimeout);
            return reply.IsNull ? null : reply.AsInt64();
        }
        catch (RedisException)
        {
            availability.MarkUnavailable(SharedWindowRateLimiter.RedisBackoff);
            return null;
        }
    }

    /// <summary>After an exact sum: sets the counter to <paramref name="usedMs"/> unless another submit did, then counts this one.</summary>
    public Task FillAsync(Guid userId, DateTimeOffset monthStart, long usedMs, long billedMs, CancellationToken cancellationToken) =>
        TryAsync(Fill, userId, monthStart, [usedMs + billedMs, billedMs, (long)Lifetime.TotalMilliseconds], cancellationToken);

    /// <summary>After the exact sum overruled the counter: drops it, so the next submit fills it from the database.</summary>
    public Task ForgetAsync(Guid userId, DateTimeOffset monthStart, CancellationToken cancellationToken) =>
        TryAsync(Forget, userId, monthStart, [], cancellationToken);

    private static readonly RedisScript Forget = new("return redis.call('DEL', KEYS[1])");

    private async Task TryAsync(RedisScript script, Guid userId, DateTimeOffset monthStart, RedisArg[] args, CancellationToken cancellationToken)
    {
        if (!availability.IsAvailable)
        {
            return;
        }

        try
        {
            await redis.EvalAsync(script, [Key(userId, monthStart)], args, cancellationToken, RedisTimeout);
        }
        catch (RedisException)
        {
            // A counter that missed this submit expires within Lifetime; the sum is the truth.
            availability.MarkUnavailable(SharedWindowRateLimiter.RedisBackoff);
        }
    }

    private static string Key(Guid userId, DateTimeOffset monthStart) =>
        string.Create(CultureInfo.InvariantCulture, $"mg:quota:{userId}:{monthStart:yyyyMM}");
}
