using MusicGen.Engine.Encoding;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Encoding;

public sealed class PcmWriterTests
{
    private static float[] Music(int frames)
    {
        var random = new Random(3);
        var pcm = new float[2 * frames];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (float)(0.7 * Math.Sin(i * 0.0031) + 0.2 * (random.NextDouble() * 2 - 1));
        }

        return pcm;
    }

    private static short[] Samples(byte[] file) => [.. Enumerable.Range(0, file.Length / 2).Select(i => BitConverter.ToInt16(file, 2 * i))];

    /// <summary>
    /// The definition: sample i is rounded after adding the mean of two draws of xorshift generator i mod 8
    /// (seeded as the writer seeds them), scaled to ±1 LSB.
    /// </summary>
    private static short[] Reference16(float[] pcm)
    {
        var states = new uint[8];
        for (var (k, seed) = (0, 0x2545F491u); k < 8; k++)
        {
            seed = seed * 747796405u + 2891336453u;
            states[k] = seed | 1;
        }

        uint Next(int k)
        {
            var s = states[k];
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            return states[k] = s;
        }

        var output = new short[pcm.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            var first = (float)(int)Next(i % 8);
            var noise = (first + (int)Next(i % 8)) * (0.5f / 2147483648f);
            output[i] = (short)Math.Clamp(MathF.Round(MathF.FusedMultiplyAdd(pcm[i], 32767f, noise)), -32768f, 32767f);
        }

        return output;
    }

    [Fact]
    public void SixteenBitsAreTheDitheredRoundingOfEverySample_HoweverTheSongIsCut()
    {
        var pcm = Music(60_000);
        var whole = AudioWriter.Create(OutputFormat.Parse("pcm_44100"), 60_000, TestContext.Current.CancellationToken);
        whole.Write(pcm);
        var cut = AudioWriter.Create(OutputFormat.Parse("pcm_44100"), 60_000, TestContext.Current.CancellationToken);
        Reference.InUnevenBlocks(pcm, block => cut.Write(block));

        var expected = Reference16(pcm);
        Samples(whole.Finish()).ShouldBe(expected);
        Samples(cut.Finish()).ShouldBe(expected);
    }

    [Fact]
    public void DitherIsOneLeastSignificantBitOfTriangularNoise()
    {
        var writer = AudioWriter.Create(OutputFormat.Parse("pcm_44100"), 50_000, TestContext.Current.CancellationToken);
        writer.Write(new float[100_000]);
        var values = Samples(writer.Finish());

        values.ShouldAllBe(v => v >= -1 && v <= 1);
        values.Average(v => (double)v).ShouldBe(0, 0.01);

        // Triangular noise over ±1 LSB rounds to ±1 an eighth of the time each way.
        values.Count(v => v == 1).ShouldBeInRange(11_000, 14_000);
        values.Count(v => v == -1).ShouldBeInRange(11_000, 14_000);
    }

    [Fact]
    public void FullScaleClipsToTheSixteenBitRange()
    {
        var writer = AudioWriter.Create(OutputFormat.Parse("pcm_44100"), 16, TestContext.Current.CancellationToken);
        writer.Write([.. Enumerable.Repeat(1.5f, 16), .. Enumerable.Repeat(-1.5f, 16)]);

        Samples(writer.Finish()).ShouldBe([.. Enumerable.Repeat((short)32767, 16), .. Enumerable.Repeat((short)-32768, 16)]);
    }
}
