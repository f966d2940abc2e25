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
}
