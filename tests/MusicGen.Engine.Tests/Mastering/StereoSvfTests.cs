using MusicGen.Engine.Mastering;
using MusicGen.Engine.Synthesis;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Mastering;

/// <summary>The four-frames-per-step stereo filter gives what two sample-by-sample <see cref="Svf"/>s give, to float rounding.</summary>
public sealed class StereoSvfTests
{
    [Theory]
    [InlineData(true, 20f, 0.7f, 44100)]
    [InlineData(false, 9000f, 0.7f, 44100)]
    [InlineData(false, 3000f, 2f, 22050)]
    [InlineData(true, 400f, 0.5f, 48000)]
    public void FiltersLikeTwoSampleBySampleSvfs(bool highPass, float cutoff, float q, int sampleRate)
    {
        // Noise with an offset (what the DC blocker removes), in blocks of uneven sizes (frames left over run one by one).
        var noise = new Noise(9);
        var frames = 2 * sampleRate;
        var pcm = new float[2 * frames];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = 0.5f * noise.Next() + (i % 2 == 0 ? 0.2f : -0.1f);
        }

        var (left, right) = (new Svf(), new Svf());
        left.Set(cutoff, q, sampleRate);
        right.Set(cutoff, q, sampleRate);
        var expected = new float[pcm.Length];
        for (var n = 0; n < frames; n++)
        {
            expected[2 * n] = highPass ? left.HighPass(pcm[2 * n]) : left.LowPass(pcm[2 * n]);
            expected[2 * n + 1] = highPass ? right.HighPass(pcm[2 * n + 1]) : right.LowPass(pcm[2 * n + 1]);
        }

        var filter = new StereoSvf(cutoff, q, sampleRate, highPass);
        var output = new List<float>();
        Reference.InUnevenBlocks(pcm, block =>
        {
            filter.Process(block);
            output.AddRange(block);
        });

        var worst = expected.Select((x, i) => Math.Abs(x - output[i])).Max();
        worst.ShouldBeLessThan(2e-5f);

        // It does filter: the high-pass takes the offset out, the low-pass keeps it.
        var tail = output.Skip(pcm.Length / 2).Where((_, i) => i % 2 == 0).Average(x => (double)x);
        if (highPass)
        {
            Math.Abs(tail).ShouldBeLessThan(0.01);
        }
        else
        {
            tail.ShouldBe(0.2, 0.02);
        }
    }
}
