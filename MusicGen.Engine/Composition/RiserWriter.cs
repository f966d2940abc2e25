using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>White-noise risers that sweep into every big energy jump (the renderer shapes the sweep over the note).</summary>
public static class RiserWriter
{
    public static PartBuilder? Write(SongContext song, bool requested)
    {
        if (!song.Template.UsesRisers && !requested)
        {
            return null;
        }

        var part = new PartBuilder("Riser", Instrument.NoiseRiser, StemGroup.Drums);
        for (var s = 0; s + 1 < song.Sections.Count; s++)
        {
            if (!song.EnergyJumpsAfter(s, requested ? 0.1 : 0.2))
            {
                continue;
            }

            var section = song.Sections[s];
            var bars = Math.Min(section.Bars, song.Template.Electronic && section.Bars >= 8 ? 4 : 2);
            var end = song.Timing.BarStart(section.EndBar);
            part.Add(end - (bars * song.BarBeats), bars * song.BarBeats, 60, 70 + (40 * song.Sections[s + 1].Energy));
        }

        return part.Count > 0 ? part : null;
    }
}
