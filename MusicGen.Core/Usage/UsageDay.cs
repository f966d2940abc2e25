namespace MusicGen.Core.Usage;

/// <summary>
/// One user's billed generations on one UTC day. <see cref="Generations"/> and <see cref="BilledAudioMs"/> are
/// the roll-up's snapshot of the day's generations that count (not Failed or Canceled), valid only for days
/// before <see cref="UsageWatermark.RolledThrough"/>; the <c>Deleted…</c> figures are added when a counted
/// generation is deleted, so deleting a generation never gives its audio back to the quota.
/// </summary>
public sealed class UsageDay
{
    public Guid UserId { get; set; }

    /// <summary>Midnight UTC that starts the day.</summary>
    public DateTimeOffset Day { get; set; }

    public int Generations { get; set; }

    public long BilledAudioMs { get; set; }

    public int DeletedGenerations { get; set; }

    public long DeletedBilledAudioMs { get; set; }
}
