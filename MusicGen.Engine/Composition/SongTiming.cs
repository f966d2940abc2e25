using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// How the requested length maps onto bars: whole bars of music, the last one held as long as whole beats
/// allow (a fermata on the final tonic), then a ring-out of silence for tails so the audio is exactly the length asked for.
/// Classical piano and cinematic pieces slow down over the bar before the final chord (<see cref="TempoChanges"/>);
/// the bars are counted so that the slower ending still fits before the ring-out.
/// </summary>
public sealed record SongTiming(double LengthSeconds, double Bpm, double BarBeats, int Bars, double MusicBeats)
{
    /// <summary>Tempo at the end of a ritardando, as a fraction of the song's tempo.</summary>
    public const double RitardandoEnd = 0.7;

    /// <summary>Whether the song slows into its final chord.</summary>
    public bool Ritardando { get; init; }

    public static SongTiming For(MusicBrief brief)
    {
        var secondsPerBeat = 60.0 / brief.Bpm;
        var ringOut = Math.Clamp(brief.LengthSeconds * 0.08, 0.6, 2.5);
        var availableBeats = Math.Max(1, Math.Floor((brief.LengthSeconds - ringOut) / secondsPerBeat));
        var barBeats = brief.Meter.QuarterBeatsPerBar;
        var timing = Fit(brief, barBeats, availableBeats) with { Ritardando = brief.Genre is Genre.ClassicalPiano or Genre.Cinematic };
        while (timing.Ritardando && timing.Bars > 4 && timing.SecondsAt(timing.MusicBeats) > brief.LengthSeconds - ringOut)
        {
            timing = Fit(brief, barBeats, timing.MusicBeats - 1) with { Ritardando = true };
        }

        return timing.Bars >= 4 ? timing : timing with { Ritardando = false };
    }

    private static SongTiming Fit(MusicBrief brief, double barBeats, double beats) =>
        new(brief.LengthSeconds, brief.Bpm, barBeats, Math.Max(1, (int)Math.Floor(beats / barBeats)), beats);

    public double BarStart(int bar) => bar * BarBeats;

    /// <summary>Length of a bar in beats: the final bar stretches (or, for songs shorter than a bar, shrinks) to the music's end.</summary>
    public double BarLength(int bar) => bar == Bars - 1 ? MusicBeats - BarStart(bar) : BarBeats;

    /// <summary>
    /// The ritardando as tempo steps every half beat over the bar before the final one, from the song's tempo
    /// down to <see cref="RitardandoEnd"/> of it on the final chord; empty without one.
    /// </summary>
    public IReadOnlyList<TempoChange> TempoChanges
    {
        get
        {
            if (!Ritardando)
            {
                return [];
            }

            var start = BarStart(Bars - 2);
            var steps = (int)Math.Round(BarBeats * 2);
            var changes = new List<TempoChange>(steps);
            for (var i = 1; i <= steps; i++)
            {
                changes.Add(new TempoChange(start + (i * 0.5), Bpm * (1 - ((1 - RitardandoEnd) * i / steps))));
            }

            return changes;
        }
    }

    private double SecondsAt(double beat) => TempoMap.BeatToSeconds(beat, Bpm, TempoChanges);
}
