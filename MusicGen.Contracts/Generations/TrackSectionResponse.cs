namespace MusicGen.Contracts.Generations;

/// <summary>A section of a rendered track (intro, verse, chorus…) and where it sits in time.</summary>
public sealed record TrackSectionResponse(string Name, double StartSeconds, double DurationSeconds);
