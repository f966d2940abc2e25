using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>Vectorised loops over sample buffers that the master and the mixer run on every block.</summary>
public static class SampleMath
{
    /// <summary>Largest magnitude in <paramref name="samples"/> (0 when empty).</summary>
    public static float MaxAbs(ReadOnlySpan<float> samples)
    {
        var i = 0;
        var max = 0f;
        if (Vector256.IsHardwareAccelerated && samples.Length >= Vector256<float>.Count)
        {
            // Four running maxima, so that the loop is not one chain of dependent maxima (the maximum is exact in any order).
            // MaxNative is one vmaxps; Max follows IEEE 754 maximum (NaN and −0 rules) in about ten instructions, a care
            // magnitudes do not need. The master's other maxima (limiter, true peak) use it for the same reason.
            ref var start = ref MemoryMarshal.GetReference(samples);
            var (a, b, c, d) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
            for (; i + (4 * Vector256<float>.Count) <= samples.Length; i += 4 * Vector256<float>.Count)
            {
                a = Vector256.MaxNative(a, Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)));
                b = Vector256.MaxNative(b, Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)(i + 8))));
                c = Vector256.MaxNative(c, Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)(i + 16))));
                d = Vector256.MaxNative(d, Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)(i + 24))));
            }

            for (; i + Vector256<float>.Count <= samples.Length; i += Vector256<float>.Count)
            {
                a = Vector256.MaxNative(a, Vector256.Abs(Vector256.LoadUnsafe(ref start, (nuint)i)));
            }

            var best = Vector256.MaxNative(Vector256.MaxNative(a, b), Vector256.MaxNative(c, d));
            var half = Vector128.MaxNative(best.GetLower(), best.GetUpper());
            half = Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
            max = Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2))).ToScalar();
        }

        for (; i < samples.Length; i++)
        {
            var magnitude = MathF.Abs(samples[i]);
            max = magnitude > max ? magnitude : max;
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
        if (Vector256.IsHardwareAccelerated)
        {
            // The lengths were checked above, so the loads and stores need no bounds checks of their own.
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var t = ref MemoryMarshal.GetReference(target);
            var g = Vector256.Create(gain);
            for (; i + Vector256<float>.Count <= source.Length; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref t, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i) * g).StoreUnsafe(ref t, (nuint)i);
            }
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
