using System.Collections.Concurrent;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

/// <summary>
/// Generates each (genre, length) song once per test run from a plain genre prompt (seed 11, pcm_44100);
/// several test classes check the same 30-second tracks.
/// </summary>
public static class RenderCache
{
    private static readonly ConcurrentDictionary<(Genre, double), Lazy<GenerationResult>> Results = new();

    public static GenerationResult Get(Genre genre, double seconds) =>
        Results.GetOrAdd((genre, seconds), key => new Lazy<GenerationResult>(() => Generate(key.Item1, key.Item2))).Value;

    public static GenerationResult Generate(Genre genre, double seconds, string format = "pcm_44100") => MusicEngine.Generate(
        new GenerationRequest { Prompt = GenreNames.Display(genre), LengthSeconds = seconds, Seed = 11, OutputFormat = format, KeepPcm = true },
        cancellationToken: TestContext.Current.CancellationToken);
}
