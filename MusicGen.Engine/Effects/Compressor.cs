namespace MusicGen.Engine.Effects;

/// <summary>
/// Feed-forward stereo-linked compressor with a soft knee (Giannoulis, Massberg &amp; Reiss 2012):
/// gain computed in dB, smoothed with separate attack and release.
/// </summary>
public sealed class Compressor(float sampleRate, float thresholdDb, float ratio, float kneeDb, float attackMs, float releaseMs, float makeupDb = 0f)
{
    private readonly float attack = MathF.Exp(-1f / (attackMs * 0.001f * sampleRate));
    private readonly float release = MathF.Exp(-1f / (releaseMs * 0.001f * sampleRate));
    private readonly float makeup = makeupDb;
    private readonly float kneeStart = MathF.Pow(10f, (thresholdDb - kneeDb / 2f) / 20f);
    private const int ControlFrames = 8;

    private float smoothedReduction;
    private float lastGain = 1f;

    public float GainComputer(float levelDb)
    {
        var over = 2f * (levelDb - thresholdDb);
        if (over < -kneeDb)
        {
            return levelDb;
        }

        if (over <= kneeDb)
        {
            var x = levelDb - thresholdDb + kneeDb / 2f;
            return levelDb + (1f / ratio - 1f) * x * x / (2f * kneeDb);
        }

        return thresholdDb + (levelDb - thresholdDb) / ratio;
    }

    /// <summary>
    /// Compresses interleaved stereo in place. The detector runs on the peak of every
    /// <see cref="ControlFrames"/> frames (well under the attack time) and the gain is interpolated in
    /// between, which keeps the logarithms off the per-sample path.
    /// </summary>
    public void Process(Span<float> interleaved)
    {
        for (var start = 0; start + 1 < interleaved.Length; start += 2 * ControlFrames)
        {
            var block = interleaved.Slice(start, Math.Min(2 * ControlFrames, interleaved.Length - start) & ~1);
            var peak = 0f;
            foreach (var x in block)
            {
                peak = Math.Max(peak, MathF.Abs(x));
            }

            var frames = block.Length / 2;
            if (peak < kneeStart && smoothedReduction < 1e-4f && makeup == 0f)
            {
                smoothedReduction *= MathF.Pow(release, frames);
                lastGain = 1f;
                continue;
            }

            var levelDb = 20f * MathF.Log10(peak + 1e-9f);
            var reduction = levelDb - GainComputer(levelDb);
            var coef = MathF.Pow(reduction > smoothedReduction ? attack : release, frames);
            smoothedReduction = coef * smoothedReduction + (1f - coef) * reduction;
            var gain = MathF.Pow(10f, (makeup - smoothedReduction) / 20f);
            var step = (gain - lastGain) / frames;
            for (var n = 0; n < frames; n++)
            {
                var g = lastGain + step * (n + 1);
                block[2 * n] *= g;
                block[2 * n + 1] *= g;
            }

            lastGain = gain;
        }
    }
}
