using BenchmarkDotNet.Attributes;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>
/// A 10-minute song against the same genre's 30 seconds. A long house song's arrangement is denser than a
/// 30-second one (more sections at full energy, about 1.7× the notes per second), so the 30 seconds
/// repeated to 10 minutes is measured too: that ratio shows how rendering scales with length alone.
/// </summary>
[MemoryDiagnoser]
public class LongRenderBenchmarks
{
    private Score thirtySeconds = null!;
    private Score tenMinutes = null!;
    private Score repeated = null!;

    [GlobalSetup]
    public void Setup()
    {
        thirtySeconds = Songs.Compose(Genre.House, 30);
        tenMinutes = Songs.Compose(Genre.House, 600);
        repeated = Songs.Repeated(thirtySeconds, 20);
    }

    [Benchmark(Baseline = true)]
    public GeneratedTrack House30Seconds() => TrackRenderer.Render(thirtySeconds, OutputFormat.Parse("pcm_44100"), stems: false, keepPcm: false);

    [Benchmark]
    public GeneratedTrack House10Minutes() => TrackRenderer.Render(tenMinutes, OutputFormat.Parse("pcm_44100"), stems: false, keepPcm: false);

    [Benchmark]
    public GeneratedTrack House30SecondsRepeatedTo10Minutes() => TrackRenderer.Render(repeated, OutputFormat.Parse("pcm_44100"), stems: false, keepPcm: false);
}
