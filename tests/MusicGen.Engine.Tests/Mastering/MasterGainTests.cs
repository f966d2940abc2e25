using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Mastering;

/// <summary>The master finds its limiter gain on a model of the limiter; these hold it to the real one.</summary>
public sealed class MasterGainTests
{
    private const int Rate = 44100;

    /// <summary>
    /// A bed with clicks over it, mastered. Where the limiter touches it lightly (the first four: 0.05–0.4 LU taken), the
    /// model alone finds the gain, within 0.05 LU. Loud clicks over a bed 20–50 dB down (the last three) lose 3–12 LU,
    /// past what the model is trusted with, so passes of the real limiter refine the gain. Their loudness is read from
    /// plain energy (LoudnessMeter.EstimateAfter), and limiting this hard spreads a click's spectrum, which K-weighting
    /// hears a little louder: about 0.1 LU.
    /// </summary>
    [Theory]
    [InlineData(0.35, 0.8, 0.5, 0.05)]
    [InlineData(0.35, 0.9, 0.5, 0.05)]
    [InlineData(0.3, 0.8, 0.25, 0.05)]
    [InlineData(0.4, 0.9, 0.25, 0.05)]
    [InlineData(0.003, 1.0, 1.0 / 16, 0.15)]
    [InlineData(0.02, 0.5, 0.5, 0.15)]
    [InlineData(0.1, 0.5, 0.25, 0.15)]
    public void ASongLandsOnTargetHoweverHardTheLimiterWorks(double bed, double hits, double everySeconds, double tolerance)
    {
        var (audio, report) = Master.Process(Song(bed, hits, everySeconds, seconds: 15), Genre.House, TestContext.Current.CancellationToken);

        report.IntegratedLufs.ShouldBe(Master.TargetLufs, tolerance);
        LoudnessMeter.Measure(audio, Rate).ShouldBe(Master.TargetLufs, tolerance);
        report.TruePeakDbtp.ShouldBeLessThanOrEqualTo(Master.CeilingDbtp + 0.01);
    }

    [Theory]
    [InlineData(0.3, 0.9, 0.5, 1.5)]
    [InlineData(0.1, 0.5, 0.25, 3)]
    [InlineData(0.3, 0.9, 0.25, 2)]
    [InlineData(0.02, 0.5, 0.5, 12)]
    public void TheModelSeesMostOfWhatTheRealLimiterTakes(double bed, double hits, double everySeconds, double gain)
    {
        var song = Song(bed, hits, everySeconds, seconds: 10).Mix;
        var model = new LimiterModel(Rate);
        var plain = new HopPower(Rate);
        model.Add(song);
        plain.Add(song);

        var limited = (float[])song.Clone();
        var limiter = new LookaheadLimiter(Rate, Master.CeilingDbtp);
        limiter.Process(limited, (float)gain);
        var tail = new float[2 * limiter.Latency];
        limiter.Flush(tail);
        var real = new HopPower(Rate);
        real.Add([.. limited.AsSpan(2 * limiter.Latency), .. tail]);
        var modelled = model.Limited(gain, Math.Pow(10, Master.CeilingDbtp / 20), LookaheadLimiter.DefaultReleaseMs / 1000, Rate);

        var realLoss = Loss(plain, real, gain);
        var modelLoss = Loss(plain, modelled, gain);
        realLoss.ShouldBeGreaterThan(0.3);
        modelLoss.ShouldBe(realLoss, (0.1 * realLoss) + 0.01);
    }

    /// <summary>Energy (dB) the limiter took from the song times <paramref name="gain"/>.</summary>
    private static double Loss(HopPower plain, HopPower limited, double gain)
    {
        var hops = Math.Min(plain.Energies.Count, limited.Energies.Count);
        var (before, after) = (0.0, 0.0);
        for (var i = 0; i < hops; i++)
        {
            (before, after) = (before + (plain.Energies[i] * gain * gain), after + limited.Energies[i]);
        }

        return 10 * Math.Log10(before / after);
    }

    /// <summary>
    /// A dark noise bed (one-pole low-pass at 300 Hz) with short decaying 180 Hz clicks on a grid: a kick-and-bass song
    /// reduced to its crest factor. Bed and clicks share a spectrum, as a song's loud and quiet moments roughly do,
    /// so the loudness estimates that scale K-weighted energy by plain energy hold for it.
    /// </summary>
    private static RenderedMix Song(double bed, double hits, double everySeconds, double seconds)
    {
        var frames = (int)(seconds * Rate);
        var mix = new float[2 * frames];
        var random = new Random(7);
        var period = (int)(everySeconds * Rate);
        var smoothing = Math.Exp(-2 * Math.PI * 300 / Rate);
        var (left, right) = (0.0, 0.0);
        for (var n = 0; n < frames; n++)
        {
            var since = n % period;
            var click = hits * Math.Exp(-since / (0.004 * Rate)) * Math.Sin(2 * Math.PI * 180 * since / Rate);
            left = (smoothing * left) + ((1 - smoothing) * (random.NextDouble() - 0.5));
            right = (smoothing * right) + ((1 - smoothing) * (random.NextDouble() - 0.5));
            mix[2 * n] = (float)((bed * 8 * left) + click);
            mix[(2 * n) + 1] = (float)((bed * 8 * right) + click);
        }

        return new RenderedMix(Rate, mix, null);
    }
}
