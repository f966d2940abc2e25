using MusicGen.Engine.Mastering;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Mastering;

/// <summary>The block-wise limiter gives what its frame-by-frame definition gives, to float rounding.</summary>
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

        // The release runs as a prefix scan over eight frames (the coefficient's powers rounded once rather
        // than multiplied in turn): a gain may differ in its last bits, never by more.
        var expected = FrameByFrame(pcm, gain, sampleRate, -1.5);
        output.Count.ShouldBe(expected.Length);
        var worst = expected.Select((x, i) => Math.Abs(x - output[i])).Max();
        worst.ShouldBeLessThan(1e-5f);

        // Where the gain has recovered it is exactly 1 again: the quiet stretch comes out untouched.
        var quiet = Enumerable.Range(0, frames).Where(n => n % period > 5 * sampleRate / 2 + sampleRate / 10).Take(1000).ToArray();
        quiet.ShouldNotBeEmpty();
        var delay = limiter.Latency;
        foreach (var n in quiet)
        {
            output[2 * (n + delay)].ShouldBe(pcm[2 * n] * gain);
        }
    }

    /// <summary>
    /// Required gain per frame (ceiling / true peak), its minimum over the window, an exponential release
    /// (of the deficit 1 − gain, snapped to 0 under a millionth),
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
        var average = Enumerable.Repeat(1.0, lookahead).ToArray();
        var (averageSum, position, onesRun, deficit) = ((double)lookahead, 0, lookahead, 0f);
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

            // The release in deficits (1 − gain), where float keeps its precision as the gain nears 1.
            var recovering = deficit * releaseCoef;
            deficit = Math.Max(1f - held, recovering < 1e-6f ? 0f : recovering);
            var released = 1.0 - deficit;
            averageSum += released - average[position];
            average[position] = released;
            position = (position + 1) % lookahead;
            onesRun = deficit == 0f ? onesRun + 1 : 0;
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
