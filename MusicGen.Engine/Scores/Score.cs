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

    /// <summary>
    /// Tempo changes after the start, in beat order (a ritardando is a run of them); empty: <see cref="Bpm"/>
    /// throughout. The renderer, the analysis and the MIDI tempo map all go through <see cref="BeatToSeconds"/>.
    /// </summary>
    public IReadOnlyList<TempoChange> TempoChanges { get; init; } = [];

    /// <summary>Length of a beat at the starting tempo.</summary>
    public double SecondsPerBeat => 60.0 / Bpm;

    /// <summary>The key sounding at <paramref name="beat"/>: the section's key after a key change, else <see cref="Key"/>.</summary>
    public Key KeyAt(double beat) => Sections.LastOrDefault(s => s.StartBeat <= beat + 1e-9)?.Key ?? Key;

    /// <summary>
    /// The energy (0–1) of the section playing at <paramref name="beat"/>: the first section's before any starts,
    /// 0.6 in a score without sections.
    /// </summary>
    public float EnergyAt(double beat)
    {
        Section? playing = null, first = null;
        foreach (var section in Sections)
        {
            if (first is null || section.StartBeat < first.StartBeat)
            {
                first = section;
            }

            if (section.StartBeat <= beat && (playing is null || section.StartBeat >= playing.StartBeat))
            {
                playing = section;
            }
        }

        var energy = (playing ?? first)?.Energy ?? 0.6;
        return (float)Math.Clamp(double.IsFinite(energy) ? energy : 0.6, 0, 1);
    }

    public double BeatToSeconds(double beat) => TempoMap.BeatToSeconds(beat, Bpm, TempoChanges);

    public double SecondsToBeat(double seconds) => TempoMap.SecondsToBeat(seconds, Bpm, TempoChanges);
}
