using MusicGen.Engine.Analysis;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>
/// The crackle (one record turn of hiss played round, pops drawn by their gaps) against the plain form it replaced
/// (one noise stream drawn sample by sample through a scalar SVF): other bits, the same sound. Left carries hiss + pop
/// and right hiss + 0.8 × pop, so the two come apart from the output alone.
/// </summary>
public sealed class VinylCrackleTests
{
    private const int Rate = 44100, Block = ScoreRenderer.BlockFrames, Seconds = 30;

    [Theory]
    [InlineData(1u)]
    [InlineData(77u)]
    public void SoundsLikeTheSampleBySampleForm(uint seed)
    {
        var (hiss, pops) = Split(Render(new VinylCrackle(Rate, seed).Add));
        var (referenceHiss, referencePops) = Split(Render(new Reference(Rate, seed).Add));

        Rms(hiss).ShouldBe(Rms(referenceHiss), Rms(referenceHiss) * 0.03);
        Centroid(hiss).ShouldBe(Centroid(referenceHiss), Centroid(referenceHiss) * 0.03);

        // About 3 pops in 10,000 samples (397 in 30 s), as loud as before.
        var count = pops.Count(p => p != 0f);
        var expected = 0.0003 * Rate * Seconds;
        count.ShouldBeInRange((int)(expected * 0.85), (int)(expected * 1.15));
        referencePops.Count(p => p != 0f).ShouldBeInRange((int)(expected * 0.85), (int)(expected * 1.15));
        Rms(pops.Where(p => p != 0f).ToArray()).ShouldBe(Rms(referencePops.Where(p => p != 0f).ToArray()), 0.05 * 0.58 * 0.15);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBits()
    {
        var (left, right) = Render(new VinylCrackle(Rate, 5).Add);
        var (again, againRight) = Render(new VinylCrackle(Rate, 5).Add);
        again.ShouldBe(left);
        againRight.ShouldBe(right);
        Render(new VinylCrackle(Rate, 6).Add).Left.ShouldNotBe(left);
    }

    [Fact]
    public void TheHissComesRoundWithEachTurnOfTheRecordAndJoinsItselfWithoutAStep()
    {
        var (hiss, pops) = Split(Render(new VinylCrackle(Rate, 3).Add));
        var turn = (int)Math.Round(VinylCrackle.TurnSeconds * Rate + 7) & ~7;
        for (var n = 0; n + turn < hiss.Length; n += 997)
        {
            if (pops[n] == 0f && pops[n + turn] == 0f)
            {
                hiss[n + turn].ShouldBe(hiss[n], 1e-6f);
            }
        }

        // Where the turn ends and starts again, the hiss moves by no more than a 3 kHz low-pass lets it move anywhere else.
        var steps = Enumerable.Range(1, turn - 1).Select(n => MathF.Abs(hiss[n] - hiss[n - 1])).Order().ToArray();
        var seam = MathF.Abs(hiss[turn] - hiss[turn - 1]);
        seam.ShouldBeLessThan(steps[(int)(steps.Length * 0.999)]);
    }

    private delegate void Adder(Span<float> l, Span<float> r);

    /// <summary>The renderer's blocks and a shorter last one, as the renderer hands them over; interleaved L, R.</summary>
    private static (float[] Left, float[] Right) Render(Adder add)
    {
        var frames = (Rate * Seconds) + 100;
        var (left, right) = (new float[frames], new float[frames]);
        for (var start = 0; start < frames; start += Block)
        {
            var count = Math.Min(Block, frames - start);
            add(left.AsSpan(start, count), right.AsSpan(start, count));
        }

        return (left, right);
    }

    private static (float[] Hiss, float[] Pops) Split((float[] Left, float[] Right) stereo)
    {
        var pops = stereo.Left.Select((l, i) => MathF.Abs(l - stereo.Right[i]) > 1e-6f ? (l - stereo.Right[i]) / 0.2f : 0f).ToArray();
        return (stereo.Left.Select((l, i) => l - pops[i]).ToArray(), pops);
    }

    private static double Rms(float[] x) => Math.Sqrt(x.Average(v => (double)v * v));

    /// <summary>The power spectrum's centre of mass in Hz, averaged over 4096-sample frames.</summary>
    private static double Centroid(float[] x)
    {
        const int size = 4096;
        var power = new double[size / 2];
        var (re, im) = (new float[size], new float[size]);
        for (var start = 0; start + size <= x.Length; start += size)
        {
            x.AsSpan(start, size).CopyTo(re);
            Array.Clear(im);
            Fft.Forward(re, im);
            for (var k = 0; k < size / 2; k++)
            {
                power[k] += ((double)re[k] * re[k]) + ((double)im[k] * im[k]);
            }
        }

        var weighted = power.Select((p, k) => p * k * Rate / size).Sum();
        return weighted / power.Sum();
    }

    /// <summary>The crackle as it was: one stream, three draws a sample, hiss through the scalar SVF's low-pass.</summary>
    private sealed class Reference(float sampleRate, uint seed)
    {
        private Noise noise = new(seed);
        private Svf filter = Filter(sampleRate);

        private static Svf Filter(float sampleRate)
        {
            var svf = default(Svf);
            svf.Set(3000f, 0.7f, sampleRate);
            return svf;
        }

        public void Add(Span<float> l, Span<float> r)
        {
            for (var n = 0; n < l.Length; n++)
            {
                var hiss = filter.LowPass(noise.Next()) * 0.004f;
                var pop = noise.NextUnit() > 0.9997f ? noise.Next() * 0.05f : 0f;
                l[n] += hiss + pop;
                r[n] += hiss + (pop * 0.8f);
            }
        }
    }
}
