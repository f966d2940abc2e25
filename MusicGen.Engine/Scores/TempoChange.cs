namespace MusicGen.Engine.Scores;

/// <summary>From <see cref="Beat"/> on (quarter notes from the start), the song runs at <see cref="Bpm"/>.</summary>
public readonly record struct TempoChange(double Beat, double Bpm);
