namespace MusicGen.Redis.Queue;

/// <summary>Jobs per state, all read at the same instant.</summary>
public sealed record JobCounts(long Waiting, long Prioritized, long Delayed, long Active, long Completed, long Failed, bool IsPaused)
{
    public long Total => Waiting + Prioritized + Delayed + Active + Completed + Failed;
}
