using BenchmarkDotNet.Attributes;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>A 10-minute song against the same genre's 30 seconds: the ratio shows how rendering scales.</summary>
[MemoryDiagnoser]
public class LongRenderBenchmarks
{
    private Score thirtySeconds = null!;
    private Score tenMinutes = null!;

    [GlobalSetup]
    public void Setup()
    {
        thirtySeconds = Songs.Compose(Genre.House, 30);
        tenMinutes = Songs.Compose(Genre.House, 600);
    }

    [Benchmark(Baseline = true)]
    public GeneratedTrack House30Seconds() => TrackRenderer.Render(thirtySeconds, OutputFormat.Parse("pcm_44100"), stems: false);

    [Benchmark]
    public GeneratedTrack House10Minutes() => TrackRenderer.Render(tenMinutes, OutputFormat.Parse("pcm_44100"), stems: false);
}
