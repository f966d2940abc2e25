using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>What every part writer reads: brief, template, timing, form and harmony, with lookups by bar and beat.</summary>
public sealed class SongContext
{
    private readonly int[] sectionOfBar;

    public SongContext(MusicBrief brief, GenreTemplate template, SongTiming timing, IReadOnlyList<SongSection> sections, IReadOnlyList<PlacedChord> chords, KeyChange? keyChange = null)
    {
        Brief = brief;
        KeyChange = keyChange;
        Template = template;
        Timing = timing;
        Sections = sections;
        Chords = chords;
        sectionOfBar = new int[timing.Bars];
        for (var s = 0; s < sections.Count; s++)
        {
            for (var bar = sections[s].StartBar; bar < sections[s].EndBar && bar < timing.Bars; bar++)
            {
                sectionOfBar[bar] = s;
            }
        }
    }

    public MusicBrief Brief { get; }
    public GenreTemplate Template { get; }
    public SongTiming Timing { get; }
    public IReadOnlyList<SongSection> Sections { get; }
    public IReadOnlyList<PlacedChord> Chords { get; }

    /// <summary>The song's change of key, if any (the parts are written in the home key and transposed after).</summary>
    public KeyChange? KeyChange { get; }
    public Key Key => Brief.Key;
    public int Bars => Timing.Bars;
    public double BarBeats => Timing.BarBeats;
    public int StepsPerBar => (int)Math.Round(Timing.BarBeats * 4);
    public bool IsFourFour => Brief.Meter == Meter.FourFour;

    /// <summary>Hip-hop above 120 BPM is trap: half-time drums, rolling hats, long 808s.</summary>
    public bool IsTrap => Template.Genre == Genre.HipHop && Brief.Bpm >= 120;

    public int SectionIndexOfBar(int bar) => sectionOfBar[Math.Clamp(bar, 0, Bars - 1)];

    public SongSection SectionOfBar(int bar) => Sections[SectionIndexOfBar(bar)];

    public bool IsLastBar(int bar) => bar == Bars - 1;

    public PlacedChord ChordAt(double beat)
    {
        var low = 0;
        var high = Chords.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Chords[mid].StartBeat <= beat + 1e-9)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return Chords[low];
    }

    /// <summary>True when the next section starts noticeably louder: time for a fill and a riser.</summary>
    public bool EnergyJumpsAfter(int sectionIndex, double threshold = 0.12) =>
        sectionIndex + 1 < Sections.Count && Sections[sectionIndex + 1].Energy - Sections[sectionIndex].Energy >= threshold;

    /// <summary>The pitch of <paramref name="pitchClass"/> in [low, low + 12).</summary>
    public static int InRange(int pitchClass, int low) => low + Scales.PitchClass(pitchClass - low);
}
