namespace MusicGen.Engine.Analysis;

/// <summary>
/// Tempo from onsets: a log-magnitude spectral-flux onset envelope (up to 11 kHz, as the usual onset detectors read
/// it), its autocorrelation, and a comb over the first four multiples of each candidate period, searched in 0.05 BPM
/// steps with a mild preference for 80–160 BPM.
/// </summary>
public static class TempoEstimator
{
    private const int FrameSize = 1024;
    private const int Hop = 256;

    /// <summary>
    /// The onset envelope's top: above it a hat or shaker's own flux tells eighths and sixteenths, not the beat, and
    /// whether a reverb's wash covers it there decided the octave of sparse songs.
    /// </summary>
    private const double TopHz = 11025;

    public static double EstimateBpm(ReadOnlyMemory<float> interleaved, int sampleRate, double minBpm = 60, double maxBpm = 200)
    {
        var envelope = OnsetEnvelope(interleaved, (int)Math.Min(FrameSize / 2, TopHz * FrameSize / sampleRate));
        if (envelope.Length < 16)
        {
            return 0;
        }

        var framesPerSecond = sampleRate / (double)Hop;
        var maxLag = (int)Math.Min(envelope.Length - 1, framesPerSecond * 60.0 / minBpm * 4 + 2);
        var autocorrelation = new double[maxLag + 1];
        for (var lag = 1; lag <= maxLag; lag++)
        {
            double sum = 0;
            for (var i = lag; i < envelope.Length; i++)
            {
                sum += envelope[i] * envelope[i - lag];
            }

            autocorrelation[lag] = sum / (envelope.Length - lag);
        }

        var best = 0.0;
        var bestScore = double.MinValue;
        for (var bpm = minBpm; bpm <= maxBpm; bpm += 0.05)
        {
            var period = framesPerSecond * 60.0 / bpm;
            double score = 0;
            for (var multiple = 1; multiple <= 4; multiple++)
            {
                score += Interpolate(autocorrelation, period * multiple);
            }

            // Off-beat evidence: a true beat period is usually halved by eighth notes, a false 2/3 or 3/2 one is not.
            score += 0.5 * Interpolate(autocorrelation, period * 0.5) + 0.5 * Interpolate(autocorrelation, period * 1.5);

            var octaves = Math.Log2(bpm / 115.0);
            score *= Math.Exp(-0.5 * octaves * octaves / (0.9 * 0.9));
            if (score > bestScore)
            {
                bestScore = score;
                best = bpm;
            }
        }

        return best;
    }

    private static double Interpolate(double[] values, double position)
    {
        var i = (int)position;
        if (i + 1 >= values.Length)
        {
            return 0;
        }

        var frac = position - i;
        return values[i] * (1 - frac) + values[i + 1] * frac;
    }

    private static double[] OnsetEnvelope(ReadOnlyMemory<float> interleaved, int bins)
    {
        var flux = new List<double>();
        float[]? previous = null;
        foreach (var spectrum in Spectrogram.Frames(interleaved, FrameSize, Hop))
        {
            for (var i = 0; i < Math.Min(bins, spectrum.Length); i++)
            {
                spectrum[i] = MathF.Log(1f + 100f * spectrum[i]);
            }

            if (previous is not null)
            {
                double sum = 0;
                for (var i = 1; i < Math.Min(bins, spectrum.Length); i++)
                {
                    var rise = spectrum[i] - previous[i];
                    if (rise > 0)
                    {
                        sum += rise;
                    }
                }

                flux.Add(sum);
            }

            previous = spectrum;
        }

        var values = flux.ToArray();
        var window = 16;
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            double local = 0;
            var count = 0;
            for (var j = Math.Max(0, i - window); j <= Math.Min(values.Length - 1, i + window); j++)
            {
                local += values[j];
                count++;
            }

            result[i] = Math.Max(0, values[i] - local / count);
        }

        return result;
    }
}
