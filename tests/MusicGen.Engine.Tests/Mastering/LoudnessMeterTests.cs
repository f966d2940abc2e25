using MusicGen.Engine.Mastering;

namespace MusicGen.Engine.Tests.Mastering;

public sealed class LoudnessMeterTests
{
    private static float[] StereoSine(double hz, double dbfs, double seconds, int sampleRate, double phase = 0)
    {
        var amplitude = Math.Pow(10, dbfs / 20);
        var frames = (int)(seconds * sampleRate);
        var pcm = new float[frames * 2];
        for (var n = 0; n < frames; n++)
        {
            var x = (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / sampleRate + phase));
            pcm[2 * n] = x;
            pcm[2 * n + 1] = x;
        }

        return pcm;
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    public void MeasureStereoSineAtMinus20DbfsReadsMinus20Lufs(int sampleRate)
    {
        var pcm = StereoSine(1000, -20, 10, sampleRate);

        LoudnessMeter.Measure(pcm, sampleRate).ShouldBe(-20.0, 0.05);
    }

    [Fact]
    public void MeasureQuietPassageIsGatedOut()
    {
        var loud = StereoSine(1000, -20, 5, 48000);
        var quiet = StereoSine(1000, -60, 5, 48000);

        // The three 400 ms blocks straddling the change count as loud and pull the result down a little.
        LoudnessMeter.Measure([.. loud, .. quiet], 48000).ShouldBe(-20.0, 0.2);
    }

    /// <summary>
    /// BS.1770-4 the plain way: both biquads sample by sample in double, mean squares of 400 ms blocks every
    /// 100 ms, the absolute and relative gates.
    /// </summary>
    private static double ReferenceLufs(float[] interleaved, int sampleRate)
    {
        var frames = interleaved.Length / 2;
        var energy = new double[frames];
        for (var channel = 0; channel < 2; channel++)
        {
            var (shelf, highPass) = KWeighting.Create(sampleRate);
            for (var n = 0; n < frames; n++)
            {
                var y = highPass.Process(shelf.Process(interleaved[2 * n + channel]));
                energy[n] += y * y;
            }
        }

        var hop = sampleRate / 10;
        var blocks = new List<double>();
        for (var start = 0; start + 4 * hop <= frames; start += hop)
        {
            blocks.Add(energy.AsSpan(start, 4 * hop).ToArray().Sum() / (4 * hop));
        }

        static double Lufs(double z) => -0.691 + 10 * Math.Log10(z);
        var absolute = blocks.Where(z => Lufs(z) > -70).ToList();
        var relative = Lufs(absolute.Average()) - 10;
        return Lufs(absolute.Where(z => Lufs(z) > relative).Average());
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(22050)]
    [InlineData(48000)]
    public void MeasureMatchesThePlainDoublePrecisionDefinition_HoweverTheSongIsCut(int sampleRate)
    {
        // A level that moves (so the gates matter), low frequencies and an offset (where the high-pass works,
        // and where float rounding is amplified most). At 22,050 Hz a 100 ms hop is an odd number of frames.
        var random = new Random(11);
        var frames = 6 * sampleRate + 7;
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            var level = 0.05 + 0.4 * Math.Abs(Math.Sin(n * 2.0 / sampleRate));
            pcm[2 * n] = (float)(level * (random.NextDouble() * 2 - 1) + 0.3 * Math.Sin(n * 0.004));
            pcm[2 * n + 1] = (float)(level * Math.Sin(n * 0.05) + 0.1);
        }

        // One frame per call takes the frame-by-frame path throughout; uneven blocks mix both paths.
        var frameByFrame = new LoudnessMeter(sampleRate);
        for (var n = 0; n < frames; n++)
        {
            frameByFrame.Add(pcm.AsSpan(2 * n, 2));
        }

        var inBlocks = new LoudnessMeter(sampleRate);
        Rendering.Reference.InUnevenBlocks(pcm, block => inBlocks.Add(block));

        var expected = ReferenceLufs(pcm, sampleRate);
        double.IsFinite(expected).ShouldBeTrue();
        LoudnessMeter.Measure(pcm, sampleRate).ShouldBe(expected, 0.002);
        inBlocks.IntegratedLufs.ShouldBe(expected, 0.002);
        frameByFrame.IntegratedLufs.ShouldBe(expected, 0.002);
    }

    [Fact]
    public void MeasureSilenceIsNegativeInfinity()
    {
        LoudnessMeter.Measure(new float[96000], 48000).ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public void TruePeakOfQuarterRateSineFindsPeakBetweenSamples()
    {
        var pcm = StereoSine(11025, 0, 1, 44100, Math.PI / 4);

        pcm.Max(MathF.Abs).ShouldBeLessThan(0.75f);
        TruePeakDetector.MeasureDbtp(pcm).ShouldBe(0.0, 0.6);
    }

    [Fact]
    public void LimiterKeepsTruePeakUnderCeiling()
    {
        var pcm = StereoSine(11025, 0, 1, 44100, Math.PI / 4);
        var limiter = new LookaheadLimiter(44100, -1.5);

        limiter.Process(pcm, 4f);

        TruePeakDetector.MeasureDbtp(pcm).ShouldBeLessThanOrEqualTo(-1.45);
        pcm.Max(MathF.Abs).ShouldBeGreaterThan(0.5f);
    }

    /// <summary>Noise and a low tone at a level that swells and falls, so the gates and a compressor have work.</summary>
    private static float[] Swelling(int sampleRate, double seconds)
    {
        var random = new Random(5);
        var frames = (int)(seconds * sampleRate);
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            var level = 0.02 + 0.6 * Math.Pow(Math.Abs(Math.Sin(n * 1.3 / sampleRate)), 3);
            pcm[2 * n] = (float)(level * ((random.NextDouble() * 2 - 1) * 0.5 + Math.Sin(n * 0.01)));
            pcm[2 * n + 1] = (float)(level * ((random.NextDouble() * 2 - 1) * 0.5 + Math.Sin(n * 0.013)));
        }

        return pcm;
    }

    [Fact]
    public void EstimateAfterAGainIsTheMeasurementMovedByThatGain()
    {
        var pcm = Swelling(44100, 8);
        var (meter, before, after) = (new LoudnessMeter(44100), new HopPower(44100), new HopPower(44100));
        meter.Add(pcm);
        before.Add(pcm);
        var quieter = pcm.Select(x => x * 0.5f).ToArray();
        after.Add(quieter);

        meter.EstimateAfter(before, after).ShouldBe(LoudnessMeter.Measure(quieter, 44100), 1e-4);
        meter.EstimateAfter(before, after).ShouldBe(meter.IntegratedLufs + 20 * Math.Log10(0.5), 1e-4);
    }

    [Fact]
    public void EstimateAfterCompressionStaysCloseToTheMeasurement()
    {
        var pcm = Swelling(44100, 8);
        var (meter, before, after) = (new LoudnessMeter(44100), new HopPower(44100), new HopPower(44100));
        meter.Add(pcm);
        before.Add(pcm);
        var compressed = (float[])pcm.Clone();
        new MusicGen.Engine.Effects.Compressor(44100, -20f, 4f, 6f, 15f, 200f).Process(compressed);
        after.Add(compressed);

        var measured = LoudnessMeter.Measure(compressed, 44100);
        (meter.IntegratedLufs - measured).ShouldBeGreaterThan(1.0, "the compressor should take the level down");
        meter.EstimateAfter(before, after).ShouldBe(measured, 0.05);
    }
}
