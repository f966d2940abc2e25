using MusicGen.Engine.Effects;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Effects;

public sealed class DriveTests
{
    [Fact]
    public void DriveIsALowCutThenASoftClipThenTheCabinetSampleBySample()
    {
        const float rate = 44100f;
        var drive = new Drive(rate, 9f);
        Svf lowCut = default, cabinet = default;
        lowCut.Set(90f, 0.7f, rate);
        cabinet.Set(5000f, 0.8f, rate);
        var noise = new Noise(3);
        var worst = 0f;
        var peak = 0f;

        // Blocks of uneven length, so both the eight-at-a-time steps and the tail run.
        foreach (var length in new[] { 256, 100, 3, 256, 61 })
        {
            var block = new float[length];
            for (var n = 0; n < length; n++)
            {
                block[n] = 0.4f * noise.Next();
            }

            var expected = block.Select(x =>
            {
                var gained = lowCut.HighPass(x) * 9f;
                return cabinet.LowPass(gained / (1f + MathF.Abs(gained))) * 0.7f;
            }).ToArray();
            drive.Process(block);
            for (var n = 0; n < length; n++)
            {
                worst = MathF.Max(worst, MathF.Abs(block[n] - expected[n]));
                peak = MathF.Max(peak, MathF.Abs(expected[n]));
            }
        }

        peak.ShouldBeGreaterThan(0.1f);
        worst.ShouldBeLessThan(1e-4f);
    }
}
