using MusicGen.Engine.Mastering;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Mastering;

/// <summary>The block-wise limiter gives, bit for bit, what its frame-by-frame definition gives.</summary>
public sealed class LimiterTests
{
    [Theory]
    [InlineData(44100, 4f)]
    [InlineData(22050, 1.5f)]
    public void BlockWiseLimiterMatchesTheFrameByFrameDefinition(int sampleRate, float gain)
    {
        // Loud bursts (limited), silence long enough for the gain to recover fully, then a quiet stretch (at rest).
        var random = new Random(5);
        var frames = 8 * sampleRate;
        var period = 3 * sampleRate;
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            var loud = n % period < sampleRate / 5;
            var level = loud ? 0.5f : n % period > 5 * sampleRate / 2 ? 0.02f : 0f;
            pcm[2 * n] = level * (float)(random.NextDouble() * 2 - 1);
            pcm[2 * n + 1] = level * MathF.Sin(n * 0.3f);
        }

        var limiter = new LookaheadLimiter(sampleRate, -1.5);
        var output = new List<float>();
        Reference.InUnevenBlocks(pcm, block =>
        {
            limiter.Process(block, gain);
            output.AddRange(block);
        });
        var tail = new float[2 * limiter.Latency];
        limiter.Flush(tail);
        output.AddRange(tail);

        output.ToArray().ShouldBe(FrameByFrame(pcm, gain, sampleRate, -1.5));
    }

    /// <summary>
    /// Required gain per frame (ceiling / true peak), its minimum over the window, an exponential release,
    /// a moving average over the lookahead, applied to the input delayed by the lookahead and the
    /// interpolator's delay; then as many frames of silence as the delay.
    /// </summary>
    private static float[] FrameByFrame(float[] pcm, float gain, int sampleRate, double ceilingDbtp)
    {
        var ceiling = (float)Math.Pow(10.0, ceilingDbtp / 20.0);
        var lookahead = Math.Max(4, (int)(sampleRate * 2.0 / 1000.0));
        var delay = lookahead + 8;
        var window = delay + 1;
        var releaseCoef = (float)Math.Exp(-1.0 / (120.0 / 1000.0 * sampleRate));
        var frames = pcm.Length / 2;
        var (left, right) = (new TruePeakDetector(), new TruePeakDetector());
        var required = new float[frames + delay];
        var average = Enumerable.Repeat(1f, lookahead).ToArray();
        var (averageSum, position, onesRun, released) = ((double)lookahead, 0, lookahead, 1f);
        var output = new float[2 * (frames + delay)];
        for (var n = 0; n < frames + delay; n++)
        {
            var (l, r) = n < frames ? (pcm[2 * n] * gain, pcm[2 * n + 1] * gain) : (0f, 0f);
            var peak = Math.Max(left.Next(l), right.Next(r));
            required[n] = peak > ceiling ? ceiling / peak : 1f;
            var held = 1f;
            for (var k = Math.Max(0, n - window + 1); k <= n; k++)
            {
                held = Math.Min(held, required[k]);
            }

            var recovering = (1f - released) * releaseCoef;
            released = Math.Min(held, recovering < 1e-6f ? 1f : 1f - recovering);
            averageSum += released - average[position];
            average[position] = released;
            position = (position + 1) % lookahead;
            onesRun = released == 1f ? onesRun + 1 : 0;
            if (onesRun >= lookahead)
            {
                averageSum = lookahead;
            }

            var smooth = (float)(averageSum / lookahead);
            if (n >= delay)
            {
                output[2 * n] = pcm[2 * (n - delay)] * gain * smooth;
                output[2 * n + 1] = pcm[2 * (n - delay) + 1] * gain * smooth;
            }
        }

        return output;
    }
}
