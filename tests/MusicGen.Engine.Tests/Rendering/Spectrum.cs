namespace MusicGen.Engine.Tests.Rendering;

/// <summary>Energy of a signal, of one frequency (a Hann-windowed Goertzel) and of the octave around one.</summary>
internal static class Spectrum
{
    public static double Energy(float[] samples) => samples.Sum(x => (double)x * x);

    /// <summary>Energy of the octave around <paramref name="hz"/> (Goertzel over its sixth-octave steps).</summary>
    public static double Band(float[] samples, double hz, int rate) =>
        Enumerable.Range(-3, 7).Sum(k => Power(samples, hz * Math.Pow(2, k / 6.0), rate));

    public static double Power(float[] samples, double hz, int rate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * hz / rate);
        double s1 = 0, s2 = 0;
        for (var n = 0; n < samples.Length; n++)
        {
            var window = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / samples.Length));
            var s0 = (samples[n] * window) + (coefficient * s1) - s2;
            (s2, s1) = (s1, s0);
        }

        return (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
    }
}
