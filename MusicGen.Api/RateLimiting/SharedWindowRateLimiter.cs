using System.Diagnostics.CodeAnalysis;
using System.Threading.RateLimiting;
using MusicGen.Redis;

namespace MusicGen.Api.RateLimiting;

/// <summary>
/// One user's limit, counted in Redis so it holds across API replicas. When Redis cannot answer
/// within <see cref="RedisTimeout"/>, this replica's own fixed window decides instead (a looser limit
/// for the outage beats refusing every submission), and Redis is left alone for <see cref="RedisBackoff"/>.
/// </summary>
public sealed class SharedWindowRateLimiter(string key, int permitLimit, TimeSpan window, RedisWindowCounter counter, RedisAvailability availability, RateLimiter fallback) : RateLimiter
{
    public static readonly TimeSpan RedisTimeout = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan RedisBackoff = TimeSpan.FromSeconds(5);

    private long _lastUsed = Environment.TickCount64;

    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never decides synchronously: the rate limiting middleware then awaits <see cref="AcquireAsyncCore"/>, which asks Redis.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
        if (availability.IsAvailable)
        {
            try
            {
                var (count, resetsIn) = await counter.HitAsync(key, window, RedisTimeout, cancellationToken);
                return count <= permitLimit ? Lease.Acquired : Lease.Rejected(resetsIn);
            }
            catch (RedisException)
            {
                availability.MarkUnavailable(RedisBackoff);
            }
        }

        return await fallback.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);
        public static readonly Lease Undecided = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, [NotNullWhen(true)] out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
