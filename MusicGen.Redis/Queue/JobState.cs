namespace MusicGen.Redis.Queue;

/// <summary>Where a job is. "Paused" belongs to the queue and "stalled" is an event, as in BullMQ.</summary>
public enum JobState
{
    Waiting,
    Prioritized,
    Delayed,
    Active,
    Completed,
    Failed,
}
