using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// How the requested length maps onto bars: whole bars of music, the last one held as long as whole beats
/// allow (a fermata on the final tonic), then a ring-out of silence for tails so the audio is exactly the length asked for.
/// Classical piano and cinematic pieces slow down over the bar before the final chord (<see cref="TempoChanges"/>);
/// the bars are counted so that the slower ending still fits before the ring-out. A classical piece also broadens
/// into the return of its first theme (<see cref="WithBreathBefore"/>) and breathes at the ends of its varied
/// repeat's phrases (<see cref="WithPhraseBreaths"/>).
/// </summary>
public sealed record SongTiming(double LengthSeconds, double Bpm, double BarBeats, int Bars, double MusicBeats)
{
    /// <summary>Tempo at the end of a ritardando, as a fraction of the song's tempo.</summary>
    public const double RitardandoEnd = 0.7;

    /// <summary>Tempo at the end of the broadening into a reprise, as a fraction of the song's tempo.</summary>
    public const double BreathEnd = 0.76;

    /// <summary>Beats over which the music broadens into a reprise.</summary>
    public const double BreathBeats = 2;

    /// <summary>Tempo over the last half beat of a phrase that breathes, as a fraction of the song's tempo (the half beat before it takes the midpoint).</summary>
    public const double PhraseBreathEnd = 0.88;

    /// <summary>Whether the song slows into its final chord.</summary>
    public bool Ritardando { get; init; }

    /// <summary>The beat of a reprise the music broadens into and resumes its tempo at; null without one.</summary>
    public double? BreathBeat { get; init; }

    /// <summary>The downbeats of the phrases the music breathes into: the beat before each a little slower, then a tempo.</summary>
    public IReadOnlyList<double> PhraseBreaths { get; init; } = [];

    public static SongTiming For(MusicBrief brief)
    {
        var secondsPerBeat = 60.0 / brief.Bpm;
        var ringOut = RingOut(brief.LengthSeconds);
        var availableBeats = Math.Max(1, Math.Floor((brief.LengthSeconds - ringOut) / secondsPerBeat));
        var barBeats = brief.Meter.QuarterBeatsPerBar;
        var timing = Fit(brief, barBeats, availableBeats) with { Ritardando = brief.Genre is Genre.ClassicalPiano or Genre.Cinematic };
        while (timing.Ritardando && timing.Bars > 4 && timing.SecondsAt(timing.MusicBeats) > brief.LengthSeconds - ringOut)
        {
            timing = Fit(brief, barBeats, timing.MusicBeats - 1) with { Ritardando = true };
        }

        return timing.Bars >= 4 ? timing : timing with { Ritardando = false };
    }

    /// <summary>
    /// The same timing, broadening over the <see cref="BreathBeats"/> before <paramref name="beat"/> and back in tempo
    /// on it, as a player takes time at the top of a run before the first theme returns; unchanged where the slower
    /// bar would push the final chord into the ring-out, or where the beat falls in the final ritardando.
    /// </summary>
    public SongTiming WithBreathBefore(double beat)
    {
        var breathing = this with { BreathBeat = beat };
        var inside = beat - BreathBeats > 0 && beat < (Ritardando ? BarStart(Bars - 2) : MusicBeats);
        return inside && breathing.SecondsAt(MusicBeats) <= LengthSeconds - RingOut(LengthSeconds) ? breathing : this;
    }

    /// <summary>
    /// The same timing, with a small breath (a rubato, not a ritardando) over the beat before each of
    /// <paramref name="downbeats"/>: a player lingering on a phrase's last note before the next phrase goes on in tempo.
    /// Leaves out a downbeat within a bar of the broadening into the reprise or inside the final ritardando, and the
    /// latest ones where the piece would otherwise run into the last four fifths of its ring-out.
    /// </summary>
    public SongTiming WithPhraseBreaths(IEnumerable<double> downbeats)
    {
        var reprise = BreathBeat ?? double.NegativeInfinity;
        double[] candidates = [.. downbeats
            .Where(b => b - 1 > 0 && b < (Ritardando ? BarStart(Bars - 2) : MusicBeats) && Math.Abs(b - reprise) > BreathBeats + BarBeats)
            .Distinct()
            .Order()];
        for (var count = candidates.Length; count > 0; count--)
        {
            var breathing = this with { PhraseBreaths = candidates[..count] };
            // Breaths may take a fifth of the ring-out (never its last 0.6 s): the bars were counted to fill the length,
            // so a whole phrase's breaths rarely fit in what is left of the last beat.
            if (breathing.SecondsAt(MusicBeats) <= LengthSeconds - Math.Max(0.6, 0.8 * RingOut(LengthSeconds)))
            {
                return breathing;
            }
        }

        return this;
    }

    private static double RingOut(double lengthSeconds) => Math.Clamp(lengthSeconds * 0.08, 0.6, 2.5);

    private static SongTiming Fit(MusicBrief brief, double barBeats, double beats) =>
        new(brief.LengthSeconds, brief.Bpm, barBeats, Math.Max(1, (int)Math.Floor(beats / barBeats)), beats);

    public double BarStart(int bar) => bar * BarBeats;

    /// <summary>Length of a bar in beats: the final bar stretches (or, for songs shorter than a bar, shrinks) to the music's end.</summary>
    public double BarLength(int bar) => bar == Bars - 1 ? MusicBeats - BarStart(bar) : BarBeats;

    /// <summary>
    /// The tempo steps, every half beat, in beat order: the breath into a reprise (down to <see cref="BreathEnd"/> of the
    /// tempo, then back), the phrases' breaths, and the ritardando over the bar before the final one, from the song's tempo down to
    /// <see cref="RitardandoEnd"/> of it on the final chord. Empty without either.
    /// </summary>
    public IReadOnlyList<TempoChange> TempoChanges
    {
        get
        {
            var changes = new List<TempoChange>();
            if (BreathBeat is { } reprise)
            {
                var steps = (int)(BreathBeats * 2);
                for (var i = 0; i < steps; i++)
                {
                    changes.Add(new TempoChange(reprise - BreathBeats + (i * 0.5), Bpm * (1 - ((1 - BreathEnd) * (i + 1) / steps))));
                }

                changes.Add(new TempoChange(reprise, Bpm));
            }

            foreach (var downbeat in PhraseBreaths)
            {
                changes.Add(new TempoChange(downbeat - 1, Bpm * (1 + PhraseBreathEnd) / 2));
                changes.Add(new TempoChange(downbeat - 0.5, Bpm * PhraseBreathEnd));
                changes.Add(new TempoChange(downbeat, Bpm));
            }

            if (Ritardando)
            {
                var start = BarStart(Bars - 2);
                var steps = (int)Math.Round(BarBeats * 2);
                for (var i = 1; i <= steps; i++)
                {
                    changes.Add(new TempoChange(start + (i * 0.5), Bpm * (1 - ((1 - RitardandoEnd) * i / steps))));
                }
            }

            return [.. changes.OrderBy(c => c.Beat)];
        }
    }

    private double SecondsAt(double beat) => TempoMap.BeatToSeconds(beat, Bpm, TempoChanges);
}
