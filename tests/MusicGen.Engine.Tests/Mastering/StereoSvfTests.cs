using MusicGen.Engine.Mastering;
using MusicGen.Engine.Synthesis;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Mastering;

/// <summary>The four-frames-per-step stereo filter gives what two sample-by-sample <see cref="Svf"/>s give, to float rounding.</summary>
public sealed class StereoSvfTests
{
    [Theory]
    [InlineData(9000f, 0.5412f, 44100)]
    [InlineData(9000f, 1.3066f, 48000)]
    [InlineData(3000f, 2f, 22050)]
    public void FiltersLikeTwoSampleBySampleSvfs(float cutoff, float q, int sampleRate)
    {
        // Noise with an offset, in blocks of uneven sizes (frames left over run one by one).
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
            expected[2 * n] = left.LowPass(pcm[2 * n]);
            expected[2 * n + 1] = right.LowPass(pcm[2 * n + 1]);
        }

        var filter = new StereoSvf(cutoff, q, sampleRate);
        var output = new List<float>();
        Reference.InUnevenBlocks(pcm, block =>
        {
            filter.Process(block);
            output.AddRange(block);
        });

        var worst = expected.Select((x, i) => Math.Abs(x - output[i])).Max();
        worst.ShouldBeLessThan(2e-5f);

        // A low-pass keeps the offset.
        var tail = output.Skip(pcm.Length / 2).Where((_, i) => i % 2 == 0).Average(x => (double)x);
        tail.ShouldBe(0.2, 0.02);
    }
}
