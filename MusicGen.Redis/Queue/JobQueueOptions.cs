namespace MusicGen.Redis.Queue;

/// <summary>How long finished jobs are kept: by age, by count, or both (null = no limit).</summary>
public sealed record Retention(TimeSpan? MaxAge, int? MaxCount = null)
{
    internal long AgeMs => MaxAge is { } age ? (long)age.TotalMilliseconds : -1;

    internal long Count => MaxCount ?? -1;
}

public sealed record JobQueueOptions
{
    /// <summary>Completed jobs: 2 hours by default. Trimmed whenever another job completes.</summary>
    public Retention Completed { get; init; } = new(TimeSpan.FromHours(2));

    /// <summary>Failed jobs: 24 hours by default. Trimmed whenever another job fails for good.</summary>
    public Retention Failed { get; init; } = new(TimeSpan.FromHours(24));
}
