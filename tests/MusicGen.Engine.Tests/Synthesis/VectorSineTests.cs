using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class VectorSineTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(250.0)]
    public void MatchesTheSineOfEveryPhaseAcrossSeveralCycles(double from)
    {
        var worst = 0.0;
        for (var i = 0; i < 40_000; i += 8)
        {
            var phase = Vector256.Create((float)(from + i / 10_000.0)) + VectorSine.Ramp * Vector256.Create(1f / 10_000f);
            var sine = VectorSine.Sin(phase);
            for (var lane = 0; lane < 8; lane++)
            {
                worst = Math.Max(worst, Math.Abs(sine[lane] - Math.Sin(2 * Math.PI * phase[lane])));
            }
        }

        // Far phases lose float resolution in the phase itself (2.4e-5 cycles at 250), not in the polynomial.
        worst.ShouldBeLessThan(from > 100 ? 2e-4 : 1e-6);
    }

    [Fact]
    public void PowersAreTheGeometricFactorsOfEightSamples()
    {
        var powers = VectorSine.Powers(0.5f);

        for (var lane = 0; lane < 8; lane++)
        {
            powers[lane].ShouldBe(MathF.Pow(0.5f, lane));
        }
    }
}
