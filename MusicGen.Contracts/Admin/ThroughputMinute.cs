namespace MusicGen.Contracts.Admin;

/// <summary>Generations that ended in the minute starting at <see cref="Minute"/> (UTC).</summary>
public sealed record ThroughputMinute(DateTimeOffset Minute, int Completed, int Failed);
