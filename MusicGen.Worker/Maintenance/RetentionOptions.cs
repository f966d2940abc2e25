using System.ComponentModel.DataAnnotations;

namespace MusicGen.Worker.Maintenance;

/// <summary>What is kept how long (section <c>Retention</c>); the job-record defaults follow the seed.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Completed job records in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CompletedJobs { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Failed job records in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan FailedJobs { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When set, the audio files of generations finished longer ago than this many days are deleted (the track rows stay).</summary>
    [Range(1, 36500)]
    public int? AudioDays { get; set; }
}
