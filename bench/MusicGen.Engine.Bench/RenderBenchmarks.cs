using BenchmarkDotNet.Attributes;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>Render + master + PCM of a composed 30-second song per genre (composition excluded).</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private Score score = null!;

    [ParamsAllValues]
    public Genre Genre { get; set; }

    [GlobalSetup]
    public void Setup() => score = Songs.Compose(Genre, 30);

    [Benchmark]
    public GeneratedTrack Render30Seconds() => TrackRenderer.Render(score, OutputFormat.Parse("pcm_44100"), stems: false);
}
