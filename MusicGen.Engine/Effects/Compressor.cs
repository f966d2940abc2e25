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
    private float smoothedReduction;

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

    /// <summary>Compresses interleaved stereo in place.</summary>
    public void Process(Span<float> interleaved)
    {
        for (var i = 0; i + 1 < interleaved.Length; i += 2)
        {
            var peak = Math.Max(MathF.Abs(interleaved[i]), MathF.Abs(interleaved[i + 1]));
            if (peak < kneeStart && smoothedReduction < 1e-4f && makeup == 0f)
            {
                smoothedReduction *= release;
                continue;
            }

            var levelDb = 20f * MathF.Log10(peak + 1e-9f);
            var reduction = levelDb - GainComputer(levelDb);
            var coef = reduction > smoothedReduction ? attack : release;
            smoothedReduction = coef * smoothedReduction + (1f - coef) * reduction;
            var gain = MathF.Pow(10f, (makeup - smoothedReduction) / 20f);
            interleaved[i] *= gain;
            interleaved[i + 1] *= gain;
        }
    }
}
