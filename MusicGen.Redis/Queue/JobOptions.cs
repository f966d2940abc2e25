namespace MusicGen.Redis.Queue;

/// <summary>How one job is run.</summary>
public sealed record JobOptions
{
    public static readonly JobOptions Default = new();

    /// <summary>Total tries, the first included.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Wait before the job may be taken.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>0 = normal (first in, first out); a higher number is taken before lower ones and before normal jobs.</summary>
    public int Priority { get; init; }

    /// <summary>Wait between a failed try and the next; none means retry at once.</summary>
    public Backoff? Backoff { get; init; }

    /// <summary>W3C traceparent carried to the worker; the current activity's when null.</summary>
    public string? TraceParent { get; init; }
}
