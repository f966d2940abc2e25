using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Analysis;

/// <summary>
/// Key from audio: a chroma vector summed over the song (65 Hz–2.1 kHz), correlated (Pearson) with the
/// 24 rotations of the Krumhansl–Kessler major and minor profiles.
/// </summary>
public static class KeyEstimator
{
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    public static Key Estimate(ReadOnlyMemory<float> interleaved, int sampleRate) => FromChroma(Chroma(interleaved, sampleRate));

    public static double[] Chroma(ReadOnlyMemory<float> interleaved, int sampleRate)
    {
        const int frameSize = 8192;
        var chroma = new double[12];
        var binHz = sampleRate / (double)frameSize;
        var pitchClass = new int[frameSize / 2];
        for (var bin = 0; bin < pitchClass.Length; bin++)
        {
            var hz = bin * binHz;
            pitchClass[bin] = hz is < 80 or > 1200 ? -1 : (((int)Math.Round(12 * Math.Log2(hz / 440.0)) + 69) % 12 + 12) % 12;
        }

        foreach (var spectrum in Spectrogram.Frames(interleaved, frameSize, frameSize / 2))
        {
            var frame = new double[12];
            for (var bin = 1; bin + 1 < spectrum.Length; bin++)
            {
                var m = spectrum[bin];
                if (pitchClass[bin] >= 0 && IsPeak(spectrum, bin) && !IsOvertone(spectrum, bin))
                {
                    frame[pitchClass[bin]] += m * m;
                }
            }

            var total = frame.Sum();
            if (total > 0)
            {
                for (var i = 0; i < 12; i++)
                {
                    chroma[i] += Math.Sqrt(frame[i] / total);
                }
            }
        }

        return chroma;
    }

    private static readonly int[] OvertoneNumbers = [3, 5, 6, 7];

    private static bool IsPeak(float[] spectrum, int bin) => spectrum[bin] > spectrum[bin - 1] && spectrum[bin] >= spectrum[bin + 1];

    /// <summary>
    /// A peak with a stronger peak at a third, a fifth, a sixth or a seventh of its frequency is most likely a
    /// partial of that lower note; counting it would add fifths, major thirds and (31 cents flat) minor sevenths
    /// that are not in the harmony. Square and saw basses make the seventh partial loud enough to matter.
    /// </summary>
    private static bool IsOvertone(float[] spectrum, int bin)
    {
        foreach (var harmonic in OvertoneNumbers)
        {
            var fundamental = (int)Math.Round(bin / (double)harmonic);
            for (var b = Math.Max(1, fundamental - 1); b <= fundamental + 1 && b + 1 < spectrum.Length; b++)
            {
                if (IsPeak(spectrum, b) && spectrum[b] >= spectrum[bin])
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static Key FromChroma(IReadOnlyList<double> chroma)
    {
        var best = new Key(0, Mode.Major);
        var bestScore = double.MinValue;
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var (profile, mode) in new[] { (MajorProfile, Mode.Major), (MinorProfile, Mode.Minor) })
            {
                var score = Pearson(chroma, i => profile[((i - tonic) % 12 + 12) % 12]);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = new Key(tonic, mode);
                }
            }
        }

        return best;
    }

    /// <summary>Pitch class of the major key that shares the key signature (A minor → C, D dorian → C).</summary>
    public static int SignatureTonic(Key key) => ((key.Tonic + key.Mode switch
    {
        Mode.Minor => 3,
        Mode.Dorian => -2,
        Mode.Phrygian => -4,
        Mode.Lydian => -5,
        Mode.Mixolydian => 5,
        _ => 0,
    }) % 12 + 12) % 12;

    private static double Pearson(IReadOnlyList<double> x, Func<int, double> y)
    {
        var meanX = x.Average();
        var meanY = Enumerable.Range(0, 12).Average(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            var dx = x[i] - meanX;
            var dy = y(i) - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
