using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Effects;

/// <summary>
/// Feed-forward stereo-linked compressor with a soft knee (Giannoulis, Massberg &amp; Reiss 2012):
/// gain computed in dB, smoothed with separate attack and release.
/// </summary>
public sealed class Compressor(float sampleRate, float thresholdDb, float ratio, float kneeDb, float attackMs, float releaseMs, float makeupDb = 0f)
{
    private const int ControlFrames = 8;

    /// <summary>dB per natural log unit of amplitude (20 / ln 10), and its inverse.</summary>
    private const float DbPerNeper = 8.685889638f, NeperPerDb = 0.115129255f;

    private readonly float attack = MathF.Exp(-1f / (attackMs * 0.001f * sampleRate));
    private readonly float release = MathF.Exp(-1f / (releaseMs * 0.001f * sampleRate));

    /// <summary>The smoothing coefficients over a whole control step.</summary>
    private readonly float attackStep = MathF.Pow(MathF.Exp(-1f / (attackMs * 0.001f * sampleRate)), ControlFrames);
    private readonly float releaseStep = MathF.Pow(MathF.Exp(-1f / (releaseMs * 0.001f * sampleRate)), ControlFrames);
    private readonly float makeup = makeupDb;
    private readonly float kneeStart = MathF.Pow(10f, (thresholdDb - kneeDb / 2f) / 20f);

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
    /// between, which keeps the logarithms off the per-sample path. A peak under the knee asks for no
    /// reduction, so its logarithm is not taken.
    /// </summary>
    public void Process(Span<float> interleaved)
    {
        var start = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight frames are two vectors: the peak and the gain ramp without a per-sample loop.
            var rampLow = Vector256.Create(1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f);
            var rampHigh = Vector256.Create(5f, 5f, 6f, 6f, 7f, 7f, 8f, 8f);
            ref var samples = ref MemoryMarshal.GetReference(interleaved);
            for (; start + 2 * ControlFrames <= interleaved.Length; start += 2 * ControlFrames)
            {
                var low = Vector256.LoadUnsafe(ref samples, (nuint)start);
                var high = Vector256.LoadUnsafe(ref samples, (nuint)(start + 8));
                var both = Vector256.MaxNative(Vector256.Abs(low), Vector256.Abs(high));
                var half = Vector128.MaxNative(both.GetLower(), both.GetUpper());
                half = Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
                half = Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2)));
                if (!Control(half.ToScalar(), ControlFrames, out var gain))
                {
                    continue;
                }

                var step = Vector256.Create((gain - lastGain) / ControlFrames);
                var from = Vector256.Create(lastGain);
                (low * (from + step * rampLow)).StoreUnsafe(ref samples, (nuint)start);
                (high * (from + step * rampHigh)).StoreUnsafe(ref samples, (nuint)(start + 8));
                lastGain = gain;
            }
        }

        for (; start + 1 < interleaved.Length; start += 2 * ControlFrames)
        {
            var block = interleaved.Slice(start, Math.Min(2 * ControlFrames, interleaved.Length - start) & ~1);
            var peak = 0f;
            foreach (var x in block)
            {
                peak = Math.Max(peak, MathF.Abs(x));
            }

            var frames = block.Length / 2;
            if (!Control(peak, frames, out var gain))
            {
                continue;
            }

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

    /// <summary>
    /// Advances the detector by a control step of <paramref name="frames"/> with this peak. False when the
    /// step needs no gain (the samples stay as they are); else the gain to reach by its end.
    /// </summary>
    private bool Control(float peak, int frames, out float gain)
    {
        var full = frames == ControlFrames;
        if (peak < kneeStart && smoothedReduction < 1e-4f && makeup == 0f)
        {
            smoothedReduction *= full ? releaseStep : MathF.Pow(release, frames);
            lastGain = 1f;
            gain = 1f;
            return false;
        }

        // Under the knee the gain computer returns the level itself: no reduction, whatever the level.
        var reduction = 0f;
        if (peak >= kneeStart)
        {
            var levelDb = DbPerNeper * MathF.Log(peak + 1e-9f);
            reduction = levelDb - GainComputer(levelDb);
        }

        var attacking = reduction > smoothedReduction;
        var coef = full ? (attacking ? attackStep : releaseStep) : MathF.Pow(attacking ? attack : release, frames);
        smoothedReduction = coef * smoothedReduction + (1f - coef) * reduction;
        gain = MathF.Exp((makeup - smoothedReduction) * NeperPerDb);
        return true;
    }
}
