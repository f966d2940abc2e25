using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// White-noise risers that sweep into every big energy jump (the renderer shapes the sweep over the note). A film
/// score announces its climaxes with a cymbal swell instead: a reversed crash over the bar before every rise in
/// energy, peaking on the new section's downbeat.
/// </summary>
public static class RiserWriter
{
    /// <summary>Riser pitches: the renderer plays 60 as a white-noise sweep and 49 (a crash's number) as a cymbal swell.</summary>
    public const int NoisePitch = 60, CymbalSwellPitch = 49;

    public static PartBuilder? Write(SongContext song, bool requested)
    {
        if (!song.Template.UsesRisers && !requested)
        {
            return null;
        }

        var swells = song.Template.Genre == Genre.Cinematic;
        var part = new PartBuilder("Riser", Instrument.NoiseRiser, StemGroup.Drums);
        for (var s = 0; s + 1 < song.Sections.Count; s++)
        {
            if (!song.EnergyJumpsAfter(s, requested || swells ? 0.1 : 0.2))
            {
                continue;
            }

            var section = song.Sections[s];
            if (swells)
            {
                // One bar (2.2–3.4 s at 70–110 BPM): about the length of a crash's audible decay, played backwards.
                var bar = song.Timing.BarStart(section.EndBar);
                part.Add(bar - song.BarBeats, song.BarBeats, CymbalSwellPitch, 80 + (40 * song.Sections[s + 1].Energy));
                continue;
            }

            var bars = Math.Min(section.Bars, song.Template.Electronic && section.Bars >= 8 ? 4 : 2);
            var end = song.Timing.BarStart(section.EndBar);
            part.Add(end - (bars * song.BarBeats), bars * song.BarBeats, NoisePitch, 70 + (40 * song.Sections[s + 1].Energy));
        }

        return part.Count > 0 ? part : null;
    }
}
