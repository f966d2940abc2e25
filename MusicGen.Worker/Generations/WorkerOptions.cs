using System.ComponentModel.DataAnnotations;

namespace MusicGen.Worker.Generations;

/// <summary>How this Worker consumes the <c>generation</c> queue (section <c>Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Generation jobs run at once by this process. Defaults to the processor count.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a job stays locked without a heartbeat; a killed worker's jobs go back to the queue this long after it died.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often jobs of dead workers are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StalledInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Times a job may lose its worker and be taken again before the queue gives up on it (the reconciler still revives it).</summary>
    [Range(0, 100)]
    public int MaxStalledCount { get; set; } = 2;

    /// <summary>How often a running generation's row is read to notice a cancel.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CancelPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Least time between two progress writes to the database for one generation (pub/sub gets every change).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromSeconds(1);
}
