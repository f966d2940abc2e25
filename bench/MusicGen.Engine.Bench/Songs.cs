using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>The scores the benchmarks render: one plain genre prompt, seed 1 unless told.</summary>
public static class Songs
{
    public static Score Compose(Genre genre, double seconds, ulong seed = 1) => Compose(GenreNames.Display(genre), seconds, seed);

    public static Score Compose(string prompt, double seconds, ulong seed = 1) =>
        Composer.Compose(PromptParser.Parse(prompt, seconds, seed));

    /// <summary>
    /// The score played <paramref name="times"/> times back to back: a long song with exactly the short one's
    /// density, so that its cost against the short one's shows how rendering scales with length alone.
    /// </summary>
    public static Score Repeated(Score score, int times)
    {
        if (score.TempoChanges.Count > 0)
        {
            throw new ArgumentException("Only a score at one tempo repeats beat for beat.", nameof(score));
        }

        var beats = score.LengthSeconds / score.SecondsPerBeat;
        var copies = Enumerable.Range(0, times).Select(k => k * beats).ToArray();
        return score with
        {
            LengthSeconds = score.LengthSeconds * times,
            MusicEndBeat = score.MusicEndBeat + copies[^1],
            Sections = [.. copies.SelectMany(offset => score.Sections.Select(s => s with { StartBeat = s.StartBeat + offset }))],
            Chords = [.. copies.SelectMany(offset => score.Chords.Select(c => c with { StartBeat = c.StartBeat + offset }))],
            Parts = [.. score.Parts.Select(p => p with { Notes = [.. copies.SelectMany(offset => p.Notes.Select(n => n with { Start = n.Start + offset }))] })],
        };
    }
}
