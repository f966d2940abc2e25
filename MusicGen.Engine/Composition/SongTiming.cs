using MusicGen.Engine.Prompting;

namespace MusicGen.Engine.Composition;

/// <summary>
/// How the requested length maps onto bars: whole bars of music, the last one held as long as whole beats
/// allow (a fermata on the final tonic), then a ring-out of silence for tails so the audio is exactly the length asked for.
/// </summary>
public sealed record SongTiming(double LengthSeconds, double Bpm, double BarBeats, int Bars, double MusicBeats)
{
    public static SongTiming For(MusicBrief brief)
    {
        var secondsPerBeat = 60.0 / brief.Bpm;
        var ringOut = Math.Clamp(brief.LengthSeconds * 0.08, 0.6, 2.5);
        var availableBeats = Math.Max(1, Math.Floor((brief.LengthSeconds - ringOut) / secondsPerBeat));
        var barBeats = brief.Meter.QuarterBeatsPerBar;
        var bars = Math.Max(1, (int)Math.Floor(availableBeats / barBeats));
        return new SongTiming(brief.LengthSeconds, brief.Bpm, barBeats, bars, availableBeats);
    }

    public double BarStart(int bar) => bar * BarBeats;

    /// <summary>Length of a bar in beats: the final bar stretches (or, for songs shorter than a bar, shrinks) to the music's end.</summary>
    public double BarLength(int bar) => bar == Bars - 1 ? MusicBeats - BarStart(bar) : BarBeats;
}
