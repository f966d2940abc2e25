using System.Collections.Concurrent;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

/// <summary>Renders each (genre, length) once per test run; several test classes check the same tracks.</summary>
public static class RenderCache
{
    private static readonly ConcurrentDictionary<(Genre, double, string), Lazy<GeneratedTrack>> Tracks = new();

    public static GeneratedTrack Get(Genre genre, double seconds, string format = "pcm_44100") =>
        Tracks.GetOrAdd((genre, seconds, format), key => new Lazy<GeneratedTrack>(() =>
            TrackRenderer.Render(HandScores.Create(key.Item1, key.Item2, 11), OutputFormat.Parse(key.Item3), stems: false))).Value;
}
