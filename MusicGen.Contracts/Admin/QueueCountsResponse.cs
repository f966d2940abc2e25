namespace MusicGen.Contracts.Admin;

/// <summary>Jobs per state in the generation queue, read at one instant.</summary>
public sealed record QueueCountsResponse(long Waiting, long Prioritized, long Delayed, long Active, long Completed, long Failed, bool Paused);
