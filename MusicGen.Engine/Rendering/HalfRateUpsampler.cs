using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Doubles the sample rate of a part whose voices play at half rate: each input sample is passed through, and between
/// two of them goes the midpoint of a 16-tap windowed sinc (Blackman). At 44.1 kHz out the result is flat within
/// 0.05 dB up to 8 kHz, and the images of everything up to 7 kHz stay more than 70 dB down; the dark instruments that
/// play through it have little above that, and their voices' filters take it down further.
/// </summary>
/// <remarks>The output lags the input by <see cref="LeadFrames"/> input frames (twice that many output frames).</remarks>
internal sealed class HalfRateUpsampler
{
    /// <summary>Input frames the output lags by: feed this many more at the start, and drop twice as many outputs.</summary>
    public const int LeadFrames = Taps / 2;

    /// <summary>Taps of the midpoint filter.</summary>
    internal const int Taps = 16;
    private const int Lanes = 8;

    /// <summary>The midpoint filter's weights: over sixteen samples in order, the value halfway between the eighth and the ninth.</summary>
    internal static readonly float[] Midpoint = Design();

    /// <summary>The last <see cref="Taps"/> − 1 inputs, then the current block's.</summary>
    private float[] history = new float[Taps - 1 + 256];
    private float[] scratch = [];

    /// <summary>Zeros at the end of the inputs so far (counted up to a history's length).</summary>
    private int zeros = Taps;

    /// <summary>
    /// The history holds only zeros: the output stays zero as long as the input does, and a block of zeros need not be
    /// processed at all.
    /// </summary>
    public bool IsQuiet => zeros >= Taps - 1;

    /// <summary>
    /// Takes <paramref name="input"/> and writes its upsampled output to <paramref name="output"/>, dropping the first
    /// <paramref name="skip"/> outputs; output beyond <paramref name="output"/>'s length is dropped too (a song's odd last frame).
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output, int skip)
    {
        var count = input.Length;
        if (history.Length < Taps - 1 + count)
        {
            Array.Resize(ref history, Taps - 1 + count);
        }

        input.CopyTo(history.AsSpan(Taps - 1));
        var last = input.LastIndexOfAnyExcept(0f);
        zeros = last < 0 ? Math.Min(zeros + count, Taps) : count - 1 - last;

        var direct = skip == 0 && output.Length == 2 * count;
        if (!direct && scratch.Length < 2 * count)
        {
            scratch = new float[2 * count];
        }

        var target = direct ? output : scratch.AsSpan(0, 2 * count);
        Interpolate(count, target);
        if (!direct)
        {
            target.Slice(skip, Math.Min(output.Length, (2 * count) - skip)).CopyTo(output);
        }

        history.AsSpan(count, Taps - 1).CopyTo(history);
    }

    /// <summary>Output pair k: the input sample <see cref="LeadFrames"/> back, then the midpoint after it.</summary>
    /// <remarks>
    /// Each midpoint is one chain of sixteen fused multiply-adds, which would wait on each other's latency; four groups
    /// of eight run side by side, so the chains overlap and the loop runs at the multipliers' pace (every output is
    /// summed in the same order as alone).
    /// </remarks>
    private void Interpolate(int count, Span<float> output)
    {
        var k = 0;
        if (Avx.IsSupported)
        {
            ref var x = ref MemoryMarshal.GetArrayDataReference(history);
            ref var y = ref MemoryMarshal.GetReference(output);
            ref var c = ref MemoryMarshal.GetArrayDataReference(Midpoint);
            for (; k + (4 * Lanes) <= count; k += 4 * Lanes)
            {
                Vector256<float> o0 = default, o1 = default, o2 = default, o3 = default;
                for (var j = 0; j < Taps; j++)
                {
                    var tap = Vector256.Create(Unsafe.Add(ref c, j));
                    o0 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, (nuint)(k + j)), o0);
                    o1 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, (nuint)(k + Lanes + j)), o1);
                    o2 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, (nuint)(k + (2 * Lanes) + j)), o2);
                    o3 = Vector256.FusedMultiplyAdd(tap, Vector256.LoadUnsafe(ref x, (nuint)(k + (3 * Lanes) + j)), o3);
                }

                Store(ref x, ref y, k, o0);
                Store(ref x, ref y, k + Lanes, o1);
                Store(ref x, ref y, k + (2 * Lanes), o2);
                Store(ref x, ref y, k + (3 * Lanes), o3);
            }

            for (; k + Lanes <= count; k += Lanes)
            {
                var odd = Vector256<float>.Zero;
                for (var j = 0; j < Taps; j++)
                {
                    odd = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, j)), Vector256.LoadUnsafe(ref x, (nuint)(k + j)), odd);
                }

                Store(ref x, ref y, k, odd);
            }
        }

        for (; k < count; k++)
        {
            var sum = 0f;
            for (var j = 0; j < Taps; j++)
            {
                sum = MathF.FusedMultiplyAdd(Midpoint[j], history[k + j], sum);
            }

            output[2 * k] = history[k + LeadFrames - 1];
            output[(2 * k) + 1] = sum;
        }
    }

    /// <summary>Output pairs k … k + 7: the inputs <see cref="LeadFrames"/> back, each followed by its midpoint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float x, ref float y, int k, Vector256<float> odd)
    {
        // e0 o0 e1 o1 | e4 o4 e5 o5 and e2 o2 e3 o3 | e6 o6 e7 o7, then the halves in order.
        var even = Vector256.LoadUnsafe(ref x, (nuint)(k + LeadFrames - 1));
        var low = Avx.UnpackLow(even, odd);
        var high = Avx.UnpackHigh(even, odd);
        Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref y, (nuint)(2 * k));
        Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref y, (nuint)((2 * k) + Lanes));
    }

    /// <summary>sinc(j − 7.5) under a Blackman window, j = 0 … 15, normalised to a gain of 1.</summary>
    private static float[] Design()
    {
        var taps = new double[Taps];
        for (var j = 0; j < Taps; j++)
        {
            var t = j - ((Taps - 1) / 2.0);
            var sinc = Math.Sin(Math.PI * t) / (Math.PI * t);
            var w = (j + 0.5) / Taps;
            var window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * w)) + (0.08 * Math.Cos(4 * Math.PI * w));
            taps[j] = sinc * window;
        }

        var total = taps.Sum();
        return [.. taps.Select(t => (float)(t / total))];
    }
}
