namespace MusicGen.Engine.Composition;

/// <summary>A section of the planned form, in bars, with the lyric lines and drum exclusion a plan may give it.</summary>
public sealed record SongSection(string Name, SectionRole Role, int StartBar, int Bars, double Energy)
{
    public int EndBar => StartBar + Bars;
    public bool NoDrums { get; init; }
    public IReadOnlyList<string> Lines { get; init; } = [];
}
