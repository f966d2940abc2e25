using MusicGen.Redis;

namespace MusicGen.Core.Leases;

/// <summary>
/// A named lease in Redis (<c>mg:lease:{name}</c>, SET NX PX with a token of this holder), so that of many
/// replicas only one runs a background duty. The holder renews it before it expires; a holder that dies
/// loses it after <see cref="Duration"/> and another replica takes over.
/// </summary>
public sealed class RedisLease(RedisClient redis, string name, TimeSpan duration)
{
    private static readonly RedisScript AcquireOrRenew = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        return 0
        """);

    private static readonly RedisScript Release = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """);

    private readonly string _token = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public string Key { get; } = $"mg:lease:{name}";

    public TimeSpan Duration { get; } = duration;

    /// <summary>Takes the lease, or extends it when this holder has it; false when another holder does.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
        (await redis.EvalAsync(AcquireOrRenew, [Key], [_token, (long)Duration.TotalMilliseconds], cancellationToken)).AsInt64() == 1;

    /// <summary>Gives the lease up (only if this holder has it), so another replica need not wait for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken) =>
        await redis.EvalAsync(Release, [Key], [_token], cancellationToken);
}
