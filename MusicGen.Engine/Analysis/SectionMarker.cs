namespace MusicGen.Engine.Analysis;

/// <summary>A section of the song with its start and length in seconds and its energy (0–1).</summary>
public sealed record SectionMarker(string Name, double StartSeconds, double DurationSeconds, double Energy);
