using System.ComponentModel.DataAnnotations;

namespace MusicGen.Core.Queueing;

/// <summary>
/// How generation jobs retry (section <c>GenerationQueue</c>). The defaults follow the seed: 2 tries,
/// exponential backoff from 30 s. The API stamps them on each job it enqueues; the Worker's reconciler
/// uses them when it puts a lost job back.
/// </summary>
public sealed class GenerationQueueOptions
{
    public const string SectionName = "GenerationQueue";

    /// <summary>Total tries of a generation job, the first included.</summary>
    [Range(1, 100)]
    public int Attempts { get; set; } = 2;

    /// <summary>Wait after the first failed try; doubles after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of each backoff drawn at random (0–1), so retries of many jobs do not arrive together.</summary>
    [Range(0.0, 1.0)]
    public double BackoffJitter { get; set; } = 0.2;
}
