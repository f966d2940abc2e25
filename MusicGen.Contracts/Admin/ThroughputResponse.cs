namespace MusicGen.Contracts.Admin;

/// <summary>Generations ended over the last <see cref="WindowMinutes"/> minutes, in total, per minute on average, and minute by minute (oldest first).</summary>
public sealed record ThroughputResponse(int WindowMinutes, int Completed, int Failed, double CompletedPerMinute, double FailedPerMinute, IReadOnlyList<ThroughputMinute> Minutes);
