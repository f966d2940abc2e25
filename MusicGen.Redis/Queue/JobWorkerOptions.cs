namespace MusicGen.Redis.Queue;

public sealed record JobWorkerOptions
{
    /// <summary>Jobs run at the same time by this worker.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How long a job stays locked without a heartbeat; renewed every half of it.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often active jobs with an expired lock are looked for (one worker per queue does it per interval).</summary>
    public TimeSpan StalledInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Times a job may stall and be taken again before it fails.</summary>
    public int MaxStalledCount { get; init; } = 1;

    /// <summary>Longest an idle worker waits for a wake-up before looking again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
}
