namespace MusicGen.Api.RateLimiting;

/// <summary>Remembers that Redis just failed, so each request does not wait out a timeout during an outage.</summary>
public sealed class RedisAvailability(TimeProvider time)
{
    private long _unavailableUntilTicks;

    public bool IsAvailable => time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _unavailableUntilTicks);

    public void MarkUnavailable(TimeSpan duration) => Interlocked.Exchange(ref _unavailableUntilTicks, (time.GetUtcNow() + duration).UtcTicks);
}
