namespace MusicGen.Engine.Composition;

/// <summary>A chord placed in time, with its pitch classes and the smooth voicing the comping parts play.</summary>
public sealed record PlacedChord(double StartBeat, double LengthBeats, ChordSpec Spec, int RootPitchClass, IReadOnlyList<int> PitchClasses, IReadOnlyList<int> Voicing, string Symbol)
{
    public double EndBeat => StartBeat + LengthBeats;
}
