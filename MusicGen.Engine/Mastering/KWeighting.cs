namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 K-weighting for any sample rate, derived from libebur128's analog prototypes (at 48 kHz
/// these reproduce the ITU table to 14 digits).
/// </summary>
public static class KWeighting
{
    public static (Biquad Shelf, Biquad HighPass) Create(double sampleRate)
    {
        const double shelfF0 = 1681.974450955533;
        const double shelfGainDb = 3.999843853973347;
        const double shelfQ = 0.7071752369554196;
        var k = Math.Tan(Math.PI * shelfF0 / sampleRate);
        var vh = Math.Pow(10.0, shelfGainDb / 20.0);
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1.0 + k / shelfQ + k * k;
        var shelf = new Biquad(
            (vh + vb * k / shelfQ + k * k) / a0,
            2.0 * (k * k - vh) / a0,
            (vh - vb * k / shelfQ + k * k) / a0,
            2.0 * (k * k - 1.0) / a0,
            (1.0 - k / shelfQ + k * k) / a0);

        const double highPassF0 = 38.13547087602444;
        const double highPassQ = 0.5003270373238773;
        k = Math.Tan(Math.PI * highPassF0 / sampleRate);
        a0 = 1.0 + k / highPassQ + k * k;
        var highPass = new Biquad(1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / highPassQ + k * k) / a0);
        return (shelf, highPass);
    }
}
