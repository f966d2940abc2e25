using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicGen.Engine.Mastering;

/// <summary>Vectorised loops over sample buffers that the master and the mixer run on every block.</summary>
public static class SampleMath
{
    /// <summary>Largest magnitude in <paramref name="samples"/> (0 when empty).</summary>
    public static float MaxAbs(ReadOnlySpan<float> samples)
    {
        var i = 0;
        var max = 0f;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
            var best = Vector<float>.Zero;
            foreach (var v in vectors)
            {
                best = Vector.Max(best, Vector.Abs(v));
            }

            for (var k = 0; k < Vector<float>.Count; k++)
            {
                max = Math.Max(max, best[k]);
            }

            i = vectors.Length * Vector<float>.Count;
        }

        for (; i < samples.Length; i++)
        {
            max = Math.Max(max, MathF.Abs(samples[i]));
        }

        return max;
    }

    /// <summary><paramref name="target"/>[i] += <paramref name="source"/>[i] × <paramref name="gain"/>.</summary>
    public static void AddScaled(ReadOnlySpan<float> source, Span<float> target, float gain)
    {
        if (source.Length > target.Length)
        {
            throw new ArgumentException("The target is shorter than the source.", nameof(target));
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<float>.Count)
        {
            var s = MemoryMarshal.Cast<float, Vector<float>>(source);
            var t = MemoryMarshal.Cast<float, Vector<float>>(target[..source.Length]);
            var g = new Vector<float>(gain);
            for (var k = 0; k < s.Length; k++)
            {
                t[k] += s[k] * g;
            }

            i = s.Length * Vector<float>.Count;
        }

        for (; i < source.Length; i++)
        {
            target[i] += source[i] * gain;
        }
    }

    /// <summary>Multiplies every sample by <paramref name="gain"/>.</summary>
    public static void Scale(Span<float> samples, float gain)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var v = MemoryMarshal.Cast<float, Vector<float>>(samples);
            var g = new Vector<float>(gain);
            for (var k = 0; k < v.Length; k++)
            {
                v[k] *= g;
            }

            i = v.Length * Vector<float>.Count;
        }

        for (; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }
}
