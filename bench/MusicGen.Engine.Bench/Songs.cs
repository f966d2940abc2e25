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
}
