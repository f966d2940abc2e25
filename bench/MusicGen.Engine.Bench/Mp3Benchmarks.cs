using BenchmarkDotNet.Attributes;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Bench;

/// <summary>MP3 encoding of 30 s of mastered 44.1 kHz stereo at 128 and 192 kbps through libmp3lame.</summary>
public class Mp3Benchmarks
{
    private float[] pcm = null!;

    [Params(128, 192)]
    public int Kbps { get; set; }

    [GlobalSetup]
    public void Setup() => pcm = TrackRenderer.Render(Songs.Compose(Genre.Pop, 30), OutputFormat.Parse("pcm_44100"), stems: false).Pcm;

    [Benchmark]
    public byte[] Encode30Seconds() => Mp3Encoder.Encode(pcm, 44100, Kbps);
}
