using BenchmarkDotNet.Attributes;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>
/// Render + master + PCM of a composed 30-second song per genre (composition excluded), as the Worker renders: without
/// keeping a float copy of the mastered song (<c>keepPcm</c>, which only tests and players ask for).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private Score score = null!;

    [ParamsAllValues]
    public Genre Genre { get; set; }

    [GlobalSetup]
    public void Setup() => score = Songs.Compose(Genre, 30);

    [Benchmark]
    public GeneratedTrack Render30Seconds() => TrackRenderer.Render(score, OutputFormat.Parse("pcm_44100"), stems: false, keepPcm: false);
}
