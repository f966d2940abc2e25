using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Effects;

/// <summary>The vectorised bus effects against their sample-by-sample forms: the same bits (the delay within rounding), whatever the blocks.</summary>
public sealed class BusEffectTests
{
    // Block sizes the renderer uses (256), odd ones, single samples, and one longer than any delay here.
    private static readonly int[] Blocks = [256, 256, 1, 7, 255, 3, 9, 256, 5000, 64, 13, 256, 256, 2, 31, 256];

    [Theory]
    [InlineData(44100, 0.8f, 0.4f)]
    [InlineData(48000, 0.5f, 0.2f)]
    [InlineData(22050, 0.95f, 0.7f)]
    [InlineData(8000, 0.3f, 0f)]
    public void FreeverbMatchesTheSampleBySampleForm(int rate, float roomSize, float damping)
    {
        var (sendLeft, sendRight) = (Signal(1, 3 * rate), Signal(2, 3 * rate));
        var expectedLeft = Signal(3, sendLeft.Length);
        var expectedRight = Signal(4, sendLeft.Length);
        var (actualLeft, actualRight) = ((float[])expectedLeft.Clone(), (float[])expectedRight.Clone());

        new SampleBySample.Freeverb(rate, roomSize, damping).Process(sendLeft, sendRight, expectedLeft, expectedRight);
        var reverb = new Engine.Effects.Freeverb(rate, roomSize, damping);
        InBlocks(sendLeft.Length, (start, count) => reverb.Process(
            sendLeft.AsSpan(start, count), sendRight.AsSpan(start, count), actualLeft.AsSpan(start, count), actualRight.AsSpan(start, count)));

        actualLeft.ShouldBe(expectedLeft);
        actualRight.ShouldBe(expectedRight);
    }

    [Theory]
    [InlineData(44100, 0.35, 0.4f)]
    [InlineData(48000, 0.1125, 0.6f)]
    [InlineData(8000, 0.9, 0.3f)]
    [InlineData(44100, 0.0001, 0.5f)]
    public void StereoDelayMatchesTheSampleBySampleForm(int rate, double seconds, float feedback)
    {
        var (sendLeft, sendRight) = (Signal(5, 3 * rate), Signal(6, 3 * rate));
        var expectedLeft = Signal(7, sendLeft.Length);
        var expectedRight = Signal(8, sendLeft.Length);
        var (actualLeft, actualRight) = ((float[])expectedLeft.Clone(), (float[])expectedRight.Clone());

        new SampleBySample.StereoDelay(rate, seconds, feedback).Process(sendLeft, sendRight, expectedLeft, expectedRight);
        var delay = new Engine.Effects.StereoDelay(rate, seconds, feedback);
        InBlocks(sendLeft.Length, (start, count) => delay.Process(
            sendLeft.AsSpan(start, count), sendRight.AsSpan(start, count), actualLeft.AsSpan(start, count), actualRight.AsSpan(start, count)));

        // The tone filters run as an eight-sample state-space step, which rounds differently from the sample
        // recursion: within float rounding of it, and no drift through the feedback.
        MaxDifference(actualLeft, expectedLeft).ShouldBeLessThan(2e-6f);
        MaxDifference(actualRight, expectedRight).ShouldBeLessThan(2e-6f);
    }

    private static float MaxDifference(float[] actual, float[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        var max = 0f;
        for (var i = 0; i < actual.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(actual[i] - expected[i]));
        }

        return max;
    }

    [Theory]
    [InlineData(44100, 5f, 130f)]
    [InlineData(22050, 9f, 400f)]
    public void SidechainDuckerMatchesTheFrameByFrameForm(int rate, float depthDb, float releaseMs)
    {
        // Kicks every beat at 120 bpm, one a single frame after another, then none for 6 s (longer than the table), then more.
        long[] kicks = [0, rate / 2, rate, rate + 1, 3 * rate / 2, 2 * rate, 8 * rate, 8 * rate + rate / 2, 9 * rate];
        var length = 10 * rate;
        var expected = new float[length];
        new SampleBySample.SidechainDucker(rate, kicks, depthDb, releaseMs).Fill(0, expected);

        var actual = new float[length];
        var ducker = new Engine.Effects.SidechainDucker(rate, kicks, depthDb, releaseMs);
        InBlocks(length, (start, count) =>
        {
            ducker.Fill(start, actual.AsSpan(start, count));
            ducker.Gains(start, count).ToArray().ShouldBe(actual[start..(start + count)], "the same block asked for again");
        });

        actual.ShouldBe(expected);
        expected.Min().ShouldBeLessThan(0.6f, "the kicks duck");
    }

    [Theory]
    [InlineData(44100, 0.5f, 3f, 0.5f)]
    [InlineData(48000, 0.9f, 3f, 0.5f)]
    [InlineData(8000, 2f, 8f, 0.7f)]
    public void ChorusMatchesTheGatheringForm(int rate, float rateHz, float depthMs, float mix)
    {
        var input = Signal(9, 4 * rate);
        var (expectedLeft, expectedRight) = ((float[])input.Clone(), new float[input.Length]);
        var (actualLeft, actualRight) = ((float[])input.Clone(), new float[input.Length]);

        var reference = new SampleBySample.Chorus(rate, rateHz, depthMs, mix);
        var chorus = new Engine.Effects.Chorus(rate, rateHz, depthMs, mix);
        InBlocks(input.Length, (start, count) =>
        {
            reference.Process(expectedLeft.AsSpan(start, count), expectedRight.AsSpan(start, count));
            chorus.Process(actualLeft.AsSpan(start, count), actualRight.AsSpan(start, count));
        });

        actualLeft.ShouldBe(expectedLeft);
        actualRight.ShouldBe(expectedRight);
    }

    /// <summary>Noise with silent stretches and loud bursts, so that tails ring out and start again.</summary>
    internal static float[] Signal(uint seed, int length)
    {
        var noise = new Noise(seed);
        var signal = new float[length];
        for (var i = 0; i < length; i++)
        {
            var gate = (i / 3000 % 3) switch { 0 => 0f, 1 => 0.3f, _ => 1f };
            signal[i] = noise.Next() * gate;
        }

        return signal;
    }

    /// <summary>Calls <paramref name="process"/> over [0, length) in the uneven <see cref="Blocks"/>, cycling.</summary>
    internal static void InBlocks(int length, Action<int, int> process)
    {
        for (int start = 0, i = 0; start < length; i++)
        {
            var count = Math.Min(Blocks[i % Blocks.Length], length - start);
            process(start, count);
            start += count;
        }
    }
}
