using System.ComponentModel.DataAnnotations;

namespace MusicGen.Worker.Maintenance;

/// <summary>The background duties' schedules and thresholds (section <c>Maintenance</c>).</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Maintenance";

    /// <summary>How often the reconciler looks for generations without a live job.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a Queued or Generating generation may go unchanged, with no job in Redis, before it is re-queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Tries (counted on the generation) after which a generation found without a job is failed instead of re-queued.</summary>
    [Range(1, 1000)]
    public int MaxTries { get; set; } = 6;

    /// <summary>How often retention runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the blob store is swept for files no track refers to.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often finished days of usage are rolled up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan UsageRollupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after a UTC day ends it may be rolled up, so a submit stamped by a server whose clock is behind still lands in a day summed live.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan UsageRollupDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Age under which an unreferenced blob is left alone (its generation may still be finishing).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromHours(2);
}
