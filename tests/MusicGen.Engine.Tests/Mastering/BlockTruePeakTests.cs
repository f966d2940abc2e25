using MusicGen.Engine.Mastering;

namespace MusicGen.Engine.Tests.Mastering;

/// <summary>The block true-peak FIR against the frame-by-frame detector, with and without a threshold below which it may skip.</summary>
public sealed class BlockTruePeakTests
{
    private static float[] Bursts(int frames)
    {
        // Quiet noise with loud clicks and bursts now and then: most eight-frame groups stay far under a threshold near
        // the loudest peaks, a few reach it.
        var random = new Random(9);
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            var loud = n % 997 < 5 || (n % 4001 is > 2000 and < 2040);
            var level = loud ? 0.9f : 0.05f;
            pcm[2 * n] = (float)(random.NextDouble() * 2 - 1) * level;
            pcm[2 * n + 1] = (float)(random.NextDouble() * 2 - 1) * level * 0.8f;
        }

        return pcm;
    }

    private static float[] FrameByFrame(float[] pcm)
    {
        var (left, right) = (new TruePeakDetector(), new TruePeakDetector());
        var peaks = new float[pcm.Length / 2];
        for (var n = 0; n < peaks.Length; n++)
        {
            peaks[n] = Math.Max(left.Next(pcm[2 * n]), right.Next(pcm[2 * n + 1]));
        }

        return peaks;
    }

    private static float[] InBlocks(float[] pcm, int block, float threshold)
    {
        var detector = new BlockTruePeak(block);
        var peaks = new float[pcm.Length / 2];
        for (var start = 0; start < peaks.Length; start += block)
        {
            var frames = Math.Min(block, peaks.Length - start);
            detector.Next(pcm.AsSpan(2 * start, 2 * frames), 1f, peaks.AsSpan(start, frames), threshold);
        }

        return peaks;
    }

    [Fact]
    public void WithoutThresholdEveryFrameIsTheDetectorsPeak()
    {
        var pcm = Bursts(20_011);

        InBlocks(pcm, 256, 0f).ShouldBe(FrameByFrame(pcm));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    [InlineData(1.2f)]
    public void AboveTheThresholdPeaksAreExactAndBelowItTheyStayBelow(float threshold)
    {
        var pcm = Bursts(20_011);
        var exact = FrameByFrame(pcm);

        var thresholded = InBlocks(pcm, 256, threshold);

        var skipped = 0;
        for (var n = 0; n < exact.Length; n++)
        {
            if (exact[n] > threshold)
            {
                thresholded[n].ShouldBe(exact[n], $"frame {n}");
            }
            else
            {
                thresholded[n].ShouldBeLessThanOrEqualTo(threshold, $"frame {n}");
                skipped += thresholded[n] == exact[n] ? 0 : 1;
            }
        }

        exact.Count(p => p > threshold).ShouldBeGreaterThan(threshold > 1f ? 0 : 10);
        skipped.ShouldBeGreaterThan(exact.Length / 2, "most of the quiet frames skip the FIR");
    }
}
