namespace MusicGen.Engine.Scores;

/// <summary>
/// What the composer hands the renderer: everything needed to play the song (and to write it as MIDI).
/// Beats are quarter notes; <see cref="LengthSeconds"/> is the exact length of the rendered audio,
/// including the final ring-out.
/// </summary>
public sealed record Score(
    Genre Genre,
    double Bpm,
    Meter Meter,
    Key Key,
    double LengthSeconds,
    ulong Seed,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<Chord> Chords,
    IReadOnlyList<Part> Parts)
{
    /// <summary>Swing amount 0.5 (straight) … 0.75; already applied to note starts, kept for display.</summary>
    public double Swing { get; init; } = 0.5;

    /// <summary>Lyric lines with their start beat, when the brief had lyrics (written as MIDI lyric events).</summary>
    public IReadOnlyList<(double Beat, string Text)> Lyrics { get; init; } = [];

    /// <summary>Beat where the music (the held final tonic) ends; after it only tails ring out until <see cref="LengthSeconds"/>.</summary>
    public double MusicEndBeat { get; init; }

    public double SecondsPerBeat => 60.0 / Bpm;

    public double BeatToSeconds(double beat) => beat * 60.0 / Bpm;
}
