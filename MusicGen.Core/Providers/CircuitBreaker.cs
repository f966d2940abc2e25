namespace MusicGen.Core.Providers;

/// <summary>
/// Stops calling a provider that keeps failing: after <c>threshold</c> transient failures in a row the
/// circuit opens for <c>breakDuration</c>; then one trial call goes through (half-open) and its outcome
/// closes or re-opens the circuit. Thread-safe.
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset? _openUntil;
    private bool _trialRunning;

    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _openUntil is null ? CircuitState.Closed : time.GetUtcNow() < _openUntil ? CircuitState.Open : CircuitState.HalfOpen;
            }
        }
    }

    /// <summary>Whether a call may go through now; in half-open state only one trial call is let through at a time.</summary>
    public bool TryEnter(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            retryAfter = TimeSpan.Zero;
            if (_openUntil is not { } until)
            {
                return true;
            }

            var now = time.GetUtcNow();
            if (now < until)
            {
                retryAfter = until - now;
                return false;
            }

            if (_trialRunning)
            {
                retryAfter = breakDuration;
                return false;
            }

            _trialRunning = true;
            return true;
        }
    }

    public void Success()
    {
        lock (_gate)
        {
            _failures = 0;
            _openUntil = null;
            _trialRunning = false;
        }
    }

    public void Failure()
    {
        lock (_gate)
        {
            _failures++;
            if (_trialRunning || _failures >= threshold)
            {
                _openUntil = time.GetUtcNow() + breakDuration;
            }

            _trialRunning = false;
        }
    }

    /// <summary>A call that ended without telling anything about the provider's health (canceled, refused as invalid).</summary>
    public void Neutral()
    {
        lock (_gate)
        {
            _trialRunning = false;
        }
    }
}
