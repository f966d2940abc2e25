namespace MusicGen.Engine.Scores;

/// <summary>A chord of the harmony track: symbol (e.g. "Am7"), root pitch class, and the voiced MIDI pitches.</summary>
public sealed record Chord(double StartBeat, double LengthBeats, int Root, string Symbol, IReadOnlyList<int> Pitches);
