using MusicGen.Engine.Effects;

namespace MusicGen.Engine.Tests.Effects;

public sealed class TapeWobbleTests
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(5f)]
    [InlineData(10f)]
    public void BendsASineByAboutTheGivenCents(float cents)
    {
        var sine = Sine(1000, 12 * Rate);
        new TapeWobble(Rate, cents, 3).Process(sine, 0);

        // Frequency every 50 ms (short enough to follow the wow, long enough to average over the flutter's smallest swings).
        var deviations = new List<double>();
        for (var start = Rate; start + (Rate / 20) < sine.Length - 1; start += Rate / 20)
        {
            var crossings = new List<double>();
            for (var i = start; i < start + (Rate / 20); i++)
            {
                if (sine[i] <= 0 && sine[i + 1] > 0)
                {
                    crossings.Add(i + (sine[i] / (sine[i] - sine[i + 1])));
                }
            }

            var hz = Rate * (crossings.Count - 1) / (crossings[^1] - crossings[0]);
            deviations.Add(1200 * Math.Log2(hz / 1000));
        }

        deviations.Max(Math.Abs).ShouldBeInRange(0.6 * cents, 1.2 * cents);
        Math.Abs(deviations.Average()).ShouldBeLessThan(0.2 * cents, "the pitch swings about the true one");
    }

    [Fact]
    public void GivesTheSameSoundWhicheverBlocksTheSongComesIn()
    {
        var input = Sine(440, 3 * Rate);
        var whole = (float[])input.Clone();
        new TapeWobble(Rate, 5f, 9).Process(whole, 0);

        var pieces = (float[])input.Clone();
        var wobble = new TapeWobble(Rate, 5f, 9);
        int[] sizes = [256, 1, 37, 1000, 8, 255, 4096];
        for (int start = 0, i = 0; start < pieces.Length; i++)
        {
            var count = Math.Min(sizes[i % sizes.Length], pieces.Length - start);
            wobble.Process(pieces.AsSpan(start, count), start);
            start += count;
        }

        var worst = whole.Zip(pieces, (a, b) => Math.Abs(a - b)).Max();
        worst.ShouldBeLessThan(1e-5f);
    }

    [Fact]
    public void FallsSilentOnceItsDelayLineHasEmptied()
    {
        var wobble = new TapeWobble(Rate, 5f, 1);
        var block = Sine(440, 256);
        wobble.Process(block, 0);
        wobble.IsSilent.ShouldBeFalse();

        var silence = new float[256];
        wobble.Process(silence, 256);
        silence.Max(MathF.Abs).ShouldBeGreaterThan(0f, "the delayed tail comes out after the input stops");
        for (var frame = 512; frame < 4096; frame += 256)
        {
            Array.Clear(silence);
            wobble.Process(silence, frame);
        }

        wobble.IsSilent.ShouldBeTrue();
        silence.ShouldAllBe(s => s == 0f);
    }

    private static float[] Sine(double hz, int frames) =>
        Enumerable.Range(0, frames).Select(i => (float)Math.Sin(2 * Math.PI * hz * i / Rate)).ToArray();
}
