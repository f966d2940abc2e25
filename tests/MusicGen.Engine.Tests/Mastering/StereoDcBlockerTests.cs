using MusicGen.Engine.Mastering;
using MusicGen.Engine.Synthesis;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Mastering;

public sealed class StereoDcBlockerTests
{
    private const int Rate = 44100;

    [Fact]
    public void FiltersLikeTheRecursionSampleBySampleHoweverTheSongIsCut()
    {
        // Noise with a different offset per channel, in blocks of uneven sizes (frames left over run one by one).
        var noise = new Noise(5);
        var pcm = new float[2 * 2 * Rate];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = 0.5f * noise.Next() + (i % 2 == 0 ? 0.2f : -0.1f);
        }

        var a = Math.Exp(-2 * Math.PI * 10 / Rate);
        var expected = new double[pcm.Length];
        for (var channel = 0; channel < 2; channel++)
        {
            double lastIn = 0, lastOut = 0;
            for (var i = channel; i < pcm.Length; i += 2)
            {
                lastOut = a * (lastOut + pcm[i] - lastIn);
                lastIn = pcm[i];
                expected[i] = lastOut;
            }
        }

        var blocker = new StereoDcBlocker(10f, Rate);
        var output = new List<float>();
        Reference.InUnevenBlocks(pcm, block =>
        {
            blocker.Process(block);
            output.AddRange(block);
        });

        expected.Select((x, i) => Math.Abs(x - output[i])).Max().ShouldBeLessThan(1e-5);

        // The offsets are gone after the first second.
        output.Skip(Rate * 2).Where((_, i) => i % 2 == 0).Average(x => (double)x).ShouldBe(0, 0.005);
        output.Skip(Rate * 2).Where((_, i) => i % 2 == 1).Average(x => (double)x).ShouldBe(0, 0.005);
    }

    [Theory]
    [InlineData(41, -0.3, -0.2)]
    [InlineData(60, -0.15, -0.05)]
    [InlineData(1000, -0.01, 0.01)]
    public void PassesTheBassAndEverythingAbove(double hz, double lowestDb, double highestDb)
    {
        var frames = 3 * Rate;
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            pcm[2 * n] = pcm[2 * n + 1] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * n / Rate));
        }

        var blocker = new StereoDcBlocker(10f, Rate);
        for (var start = 0; start < pcm.Length; start += 1024)
        {
            blocker.Process(pcm.AsSpan(start, Math.Min(1024, pcm.Length - start)));
        }

        // A whole number of seconds after the first: every tested frequency completes whole cycles.
        var settled = pcm.AsSpan(2 * Rate).ToArray();
        var gainDb = 20 * Math.Log10(Math.Sqrt(settled.Average(x => (double)x * x)) / (0.5 / Math.Sqrt(2)));
        gainDb.ShouldBeInRange(lowestDb, highestDb);
    }
}
