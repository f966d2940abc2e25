using MusicGen.Engine.Effects;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Effects;

public sealed class ChorusTests
{
    private const int Rate = 44100;

    // A pad-like chord: A minor's notes and their harmonics up to about 4 kHz, each partial weaker as it goes up.
    private static readonly (double Hz, double Amplitude)[] Partials =
        [.. new[] { 220.0, 261.6, 329.6 }.SelectMany(f => Enumerable.Range(1, 12).Select(h => (f * h, 0.2 / h))).Where(p => p.Item1 < 4000)];

    [Fact]
    public void WidensAMonoSignalIntoStereo()
    {
        var (left, right) = Chorused(Rate, 4 * Rate);
        var (mid, side) = MidSide(left, right);

        // The two taps sweep in quadrature: left and right differ, by a side some 6–10 dB under the mid.
        (10 * Math.Log10(Spectrum.Energy(side) / Spectrum.Energy(mid))).ShouldBeInRange(-12, -4);
    }

    [Fact]
    public void AtHalfRateUpsampledItSoundsAsAtTheFullRate()
    {
        // Half-rate parts run their chorus before the upsampler: the same chord through a chorus at 22.05 kHz, both
        // sides upsampled, against one at 44.1 kHz. Same level, same width, same partials (those near 4 kHz, some 25 dB
        // under the chord's root, within a dB: the taps' linear interpolation dulls them a little more at the half rate).
        var seconds = 4;
        var (fullLeft, fullRight) = Chorused(Rate, seconds * Rate);
        var (lowLeft, lowRight) = Chorused(Rate / 2, (seconds * Rate / 2) + HalfRateUpsampler.LeadFrames);
        var (halfLeft, halfRight) = (Upsample(lowLeft, seconds * Rate), Upsample(lowRight, seconds * Rate));

        double Db(double a, double b) => 10 * Math.Log10(a / b);
        Db(Spectrum.Energy(halfLeft), Spectrum.Energy(fullLeft)).ShouldBe(0, 0.2);
        Db(Spectrum.Energy(halfRight), Spectrum.Energy(fullRight)).ShouldBe(0, 0.2);
        var (fullMid, fullSide) = MidSide(fullLeft, fullRight);
        var (halfMid, halfSide) = MidSide(halfLeft, halfRight);
        Db(Spectrum.Energy(halfSide) / Spectrum.Energy(halfMid), Spectrum.Energy(fullSide) / Spectrum.Energy(fullMid)).ShouldBe(0, 0.5);
        foreach (var hz in new[] { 220.0, 659.2, 1308.0, 2616.0, 3956.0 })
        {
            Db(Spectrum.Power(halfLeft, hz, Rate), Spectrum.Power(fullLeft, hz, Rate)).ShouldBe(0, hz < 3000 ? 0.5 : 1.0, $"{hz} Hz");
        }
    }

    private static (float[] Left, float[] Right) Chorused(int rate, int frames)
    {
        var left = new float[frames];
        for (var n = 0; n < frames; n++)
        {
            left[n] = (float)Partials.Sum(p => p.Amplitude * Math.Sin(2 * Math.PI * p.Hz * n / rate));
        }

        var right = new float[frames];
        var chorus = new Chorus(rate, 0.5f, 3f, 0.5f);
        for (var start = 0; start < frames; start += 1000)
        {
            var count = Math.Min(1000, frames - start);
            chorus.Process(left.AsSpan(start, count), right.AsSpan(start, count));
        }

        return (left, right);
    }

    private static (float[] Mid, float[] Side) MidSide(float[] left, float[] right) =>
        ([.. left.Zip(right, (l, r) => (l + r) / 2)], [.. left.Zip(right, (l, r) => (l - r) / 2)]);

    private static float[] Upsample(float[] low, int length)
    {
        var high = new float[length];
        new HalfRateUpsampler().Process(low, high, 2 * HalfRateUpsampler.LeadFrames);
        return high;
    }
}
