using MusicGen.Engine.Rendering;
using Shouldly;
using Xunit;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>A take in 16 bits under each block's peak: what it plays back against the float samples it was made from.</summary>
public sealed class TakeTests
{
    [Fact]
    public void EachBlockKeepsSixteenBitsUnderItsOwnPeak()
    {
        // A note decaying 80 dB over two seconds: its quiet tail keeps the same precision, relative to itself, as its start.
        var samples = Enumerable.Range(0, 88200).Select(n => (float)(0.8 * Math.Exp(-n / 9576.0) * Math.Sin(n * 0.0627))).ToArray();
        var played = Play(Take.Encode(samples, new short[samples.Length]), samples.Length, 1f);

        for (var start = 0; start + Take.BlockSamples <= samples.Length; start += Take.BlockSamples)
        {
            var peak = samples.AsSpan(start, Take.BlockSamples).ToArray().Max(Math.Abs);
            for (var n = start; n < start + Take.BlockSamples; n++)
            {
                Math.Abs(played[n] - samples[n]).ShouldBeLessThanOrEqualTo((peak / 32767f * 0.5f) + (peak * 1e-6f), $"sample {n}");
            }
        }
    }

    [Fact]
    public void ASpanCrossingBlocksPlaysAsTheSamplesOneByOne()
    {
        var samples = Enumerable.Range(0, 3000).Select(n => (float)Math.Sin(n * 0.01) * (n % 700 < 350 ? 0.9f : 0.01f)).ToArray();
        var take = Take.Encode(samples, new short[4096]);
        var whole = Play(take, samples.Length, 0.5f);

        // Uneven pieces from uneven starts, added onto what is there.
        var pieces = new float[samples.Length];
        pieces.AsSpan().Fill(0.25f);
        int[] sizes = [7, 300, 1, 256, 513, 41];
        for (var (at, turn) = (0, 0); at < samples.Length; turn++)
        {
            var count = Math.Min(sizes[turn % sizes.Length], samples.Length - at);
            take.AddTo(at, pieces.AsSpan(at, count), 0.5f);
            at += count;
        }

        for (var n = 0; n < samples.Length; n++)
        {
            pieces[n].ShouldBe(whole[n] + 0.25f, 1e-6f);
        }
    }

    [Fact]
    public void SilenceStaysSilentAndASpanPastTheEndIsRefused()
    {
        var take = Take.Encode(new float[600], new short[600]);
        Play(take, 600, 1f).ShouldAllBe(x => x == 0f);
        Should.Throw<ArgumentOutOfRangeException>(() => take.AddTo(590, new float[20], 1f));
    }

    private static float[] Play(Take take, int length, float gain)
    {
        var output = new float[length];
        take.AddTo(0, output, gain);
        return output;
    }
}
