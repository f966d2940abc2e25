using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Halves the sample rate of a signal through a half-band low-pass: each output is half the odd input
/// sample plus half the midpoint of the even ones around it (<see cref="HalfRateUpsampler"/>'s filter), so what the
/// half rate cannot hold, above a quarter of the input rate, is taken out before it could fold back down.
/// </summary>
/// <remarks>The output lags the input by 15 input samples.</remarks>
internal sealed class HalfRateDecimator
{
    private const int History = HalfRateUpsampler.Taps - 1;
    private const int Lanes = 8;

    /// <summary>The midpoint filter halved, broadcast per tap.</summary>
    private static readonly Vector256<float>[] HalfTaps = [.. HalfRateUpsampler.Midpoint.Select(t => Vector256.Create(0.5f * t))];

    /// <summary>The input's even and odd samples, each after the last <see cref="History"/> of its kind.</summary>
    private readonly float[] even, odd;

    public HalfRateDecimator(int maxFrames)
    {
        even = new float[History + (maxFrames / 2) + 1 + Lanes];
        odd = new float[History + (maxFrames / 2) + 1 + Lanes];
    }

    /// <summary>
    /// Takes <paramref name="input"/> (an even count of samples, but for a song's last block, which is padded with a zero)
    /// and writes half as many outputs to <paramref name="output"/>.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        var count = (input.Length + 1) / 2;
        if (output.Length < count || History + count > even.Length - Lanes)
        {
            throw new ArgumentException("The output must hold half the input, and the block may be no longer than the decimator's.");
        }

        var n = 0;
        ref var l = ref MemoryMarshal.GetReference(input);
        ref var e = ref MemoryMarshal.GetArrayDataReference(even);
        ref var o = ref MemoryMarshal.GetArrayDataReference(odd);
        if (Vector256.IsHardwareAccelerated)
        {
            var split = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            for (; n + Lanes <= input.Length; n += Lanes)
            {
                var evensThenOdds = Vector256.Shuffle(Vector256.LoadUnsafe(ref l, (nuint)n), split);
                evensThenOdds.GetLower().StoreUnsafe(ref e, (nuint)(History + (n / 2)));
                evensThenOdds.GetUpper().StoreUnsafe(ref o, (nuint)(History + (n / 2)));
            }
        }

        for (; n < 2 * count; n++)
        {
            var x = n < input.Length ? Unsafe.Add(ref l, n) : 0f;
            (n % 2 == 0 ? even : odd)[History + (n / 2)] = x;
        }

        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var taps = ref MemoryMarshal.GetArrayDataReference(HalfTaps);
            ref var y = ref MemoryMarshal.GetReference(output);
            var half = Vector256.Create(0.5f);

            // Output k: the odd sample eight back, and the midpoint of the sixteen even samples around it. Four groups of
            // eight side by side, so that their chains of multiply-adds overlap (each output is summed as alone).
            for (; k + (4 * Lanes) <= count; k += 4 * Lanes)
            {
                var s0 = half * Vector256.LoadUnsafe(ref o, (nuint)(k + (History / 2)));
                var s1 = half * Vector256.LoadUnsafe(ref o, (nuint)(k + Lanes + (History / 2)));
                var s2 = half * Vector256.LoadUnsafe(ref o, (nuint)(k + (2 * Lanes) + (History / 2)));
                var s3 = half * Vector256.LoadUnsafe(ref o, (nuint)(k + (3 * Lanes) + (History / 2)));
                for (var j = 0; j < HalfRateUpsampler.Taps; j++)
                {
                    var tap = Unsafe.Add(ref taps, j);
                    s0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref e, (nuint)(k + j)), s0);
                    s1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref e, (nuint)(k + Lanes + j)), s1);
                    s2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref e, (nuint)(k + (2 * Lanes) + j)), s2);
                    s3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref e, (nuint)(k + (3 * Lanes) + j)), s3);
                }

                s0.StoreUnsafe(ref y, (nuint)k);
                s1.StoreUnsafe(ref y, (nuint)(k + Lanes));
                s2.StoreUnsafe(ref y, (nuint)(k + (2 * Lanes)));
                s3.StoreUnsafe(ref y, (nuint)(k + (3 * Lanes)));
            }
        }

        for (; k < count; k++)
        {
            var sum = 0.5f * odd[k + (History / 2)];
            for (var j = 0; j < HalfRateUpsampler.Taps; j++)
            {
                sum = MathF.FusedMultiplyAdd(HalfTaps[j].ToScalar(), even[k + j], sum);
            }

            output[k] = sum;
        }

        Array.Copy(even, count, even, 0, History);
        Array.Copy(odd, count, odd, 0, History);
    }
}
