using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class BlockSvfTests
{
    [Theory]
    [InlineData("low", 200f, 0.7f)]
    [InlineData("low", 2400f, 1.2f)]
    [InlineData("band", 750f, 2.5f)]
    [InlineData("low", 19000f, 0.6f)]
    [InlineData("high", 90f, 0.7f)]
    [InlineData("high", 3000f, 1.5f)]
    public void FiltersLikeTheSampleBySampleSvfAcrossCutoffChanges(string output, float cutoff, float q)
    {
        const float rate = 44100f;
        var reference = new Svf();
        var block = new BlockSvf();
        var noise = new Noise(5);
        var worst = 0f;
        var input = new float[8];
        for (var step = 0; step < 2000; step++)
        {
            // A new cutoff every 32 samples, as the voice's filter envelope moves it; odd steps go sample by sample.
            if (step % 4 == 0)
            {
                var moved = cutoff * (1f + 0.5f * MathF.Sin(step * 0.01f));
                reference.Set(moved, q, rate);
                if (output == "high")
                {
                    block.SetHighPass(moved, q, rate);
                }
                else
                {
                    block.Set(moved, q, rate, bandPass: output == "band");
                }
            }

            for (var i = 0; i < 8; i++)
            {
                input[i] = noise.Next();
            }

            var filtered = new float[8];
            if (step % 7 == 3)
            {
                for (var i = 0; i < 8; i++)
                {
                    filtered[i] = block.Tick(input[i]);
                }
            }
            else
            {
                input.CopyTo(filtered, 0);
                block.ProcessInPlace(ref filtered[0], 8);
            }

            for (var i = 0; i < 8; i++)
            {
                var expected = output switch
                {
                    "band" => reference.BandPass(input[i]),
                    "high" => reference.HighPass(input[i]),
                    _ => reference.LowPass(input[i]),
                };
                worst = MathF.Max(worst, MathF.Abs(filtered[i] - expected));
            }
        }

        worst.ShouldBeLessThan(1e-4f);
    }

    [Theory]
    [InlineData(0.004f, 0.3f, 0.85f, 0.09f)]
    [InlineData(0.9f, 1.5f, 0.8f, 1.4f)]
    [InlineData(0.002f, 1.6f, 0f, 0.25f)]
    [InlineData(0f, 0f, 0.5f, 0f)]
    public void EightEnvelopeValuesAtOnceFollowTheSampleBySampleCurve(float attack, float decay, float sustain, float release)
    {
        var reference = new Adsr(attack, decay, sustain, release, 44100f);
        var block = new Adsr(attack, decay, sustain, release, 44100f);
        var worst = 0f;
        for (var step = 0; step < 44100 * 4 / 8; step++)
        {
            if (step == 44100 * 3 / 8)
            {
                reference.Release();
                block.Release();
            }

            var values = block.Next8();
            for (var i = 0; i < 8; i++)
            {
                worst = MathF.Max(worst, MathF.Abs(values[i] - reference.Next()));
            }
        }

        worst.ShouldBeLessThan(1e-3f);
        block.IsIdle.ShouldBe(reference.IsIdle);
    }

    [Fact]
    public void ABlockFilteredInPlaceMatchesTheSvfAndRingsOutToExactSilence()
    {
        const float rate = 44100f;
        var reference = new Svf();
        reference.Set(110f, 0.7f, rate);
        var block = new BlockSvf();
        block.SetHighPass(110f, 0.7f, rate);
        var noise = new Noise(8);
        var worst = 0f;
        var silentBlocks = 0;
        for (var b = 0; b < 400; b++)
        {
            // A second of noise in blocks of uneven length, then silence until the filter has rung out.
            var samples = new float[b % 5 == 4 ? 61 : 256];
            if (b < 200)
            {
                for (var n = 0; n < samples.Length; n++)
                {
                    samples[n] = noise.Next();
                }
            }

            var expected = new float[samples.Length];
            for (var n = 0; n < samples.Length; n++)
            {
                expected[n] = reference.HighPass(samples[n]);
            }

            var wasSilent = block.IsSilent && b >= 200;
            block.Process(samples);
            worst = MathF.Max(worst, samples.Zip(expected, (a, e) => MathF.Abs(a - e)).Max());
            if (wasSilent)
            {
                // Silence into a silent filter: exact zeros, so the caller may skip the block altogether.
                samples.ShouldAllBe(x => x == 0f);
                silentBlocks++;
            }
        }

        worst.ShouldBeLessThan(1e-4f);
        silentBlocks.ShouldBeGreaterThan(0);
    }
}
