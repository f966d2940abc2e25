using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The K-weighting cascade (shelf then high-pass, each a transposed direct-form-II biquad) as one
/// four-state linear system, stepped <see cref="Frames"/> frames at a time in state-space form.
/// </summary>
/// <remarks>
/// Over a block the outputs are y = C·s + D·x and the next state A·s + B·x, with the matrices taken from
/// the frame-by-frame recursion itself (its responses, in double, to unit states and unit impulses). The
/// recursion's latency is then paid once per eight frames instead of every frame, and the rest is
/// independent multiply-adds: eight outputs in one float vector, the four states in a half-width one.
/// Float suffices here: the high-pass's poles sit 0.005 inside the unit circle, so rounding is amplified
/// about 200-fold, to some 1e-5 of the signal — a thousandth of a LU (LoudnessMeterTests).
/// </remarks>
internal sealed class KWeightingBlock
{
    public const int Frames = 8;
    private const int States = 4;

    private readonly double sb0, sb1, sb2, sa1, sa2, ha1, ha2;
    private readonly float fb0, fb1, fb2, fa1, fa2, fh1, fh2;

    /// <summary>Columns of C (per state) then D (per input frame): each one's share of the eight outputs.</summary>
    private readonly Vector256<float>[] toOutputs = new Vector256<float>[States + Frames];

    /// <summary>Columns of A (per state) then B (per input frame): each one's share of the next state.</summary>
    private readonly Vector128<float>[] toState = new Vector128<float>[States + Frames];

    public KWeightingBlock(int sampleRate)
    {
        var (shelf, highPass) = KWeighting.Create(sampleRate);
        (sb0, sb1, sb2, sa1, sa2) = (shelf.B0, shelf.B1, shelf.B2, shelf.A1, shelf.A2);
        (ha1, ha2) = (highPass.A1, highPass.A2);
        (fb0, fb1, fb2, fa1, fa2, fh1, fh2) = ((float)sb0, (float)sb1, (float)sb2, (float)sa1, (float)sa2, (float)ha1, (float)ha2);
        Span<double> outputs = stackalloc double[Frames];
        Span<double> state = stackalloc double[States];
        for (var column = 0; column < States + Frames; column++)
        {
            state.Clear();
            if (column < States)
            {
                state[column] = 1.0;
            }

            for (var n = 0; n < Frames; n++)
            {
                outputs[n] = Tick(state, n == column - States ? 1.0 : 0.0);
            }

            toOutputs[column] = Vector256.Create((float)outputs[0], (float)outputs[1], (float)outputs[2], (float)outputs[3], (float)outputs[4], (float)outputs[5], (float)outputs[6], (float)outputs[7]);
            toState[column] = Vector128.Create((float)state[0], (float)state[1], (float)state[2], (float)state[3]);
        }
    }

    /// <summary>One frame in double (for the block matrices): the K-weighted output of <paramref name="x"/>, advancing <paramref name="state"/>.</summary>
    private double Tick(Span<double> state, double x)
    {
        var shelved = sb0 * x + state[0];
        state[0] = sb1 * x - sa1 * shelved + state[1];
        state[1] = sb2 * x - sa2 * shelved;

        // The high-pass's numerator is 1, −2, 1.
        var y = shelved + state[2];
        state[2] = -2.0 * shelved - ha1 * y + state[3];
        state[3] = shelved - ha2 * y;
        return y;
    }

    /// <summary>One frame: the K-weighted output of <paramref name="x"/>, advancing <paramref name="state"/>.</summary>
    public float Tick(ref Vector128<float> state, float x)
    {
        var (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
        var shelved = fb0 * x + s0;
        s0 = fb1 * x - fa1 * shelved + s1;
        s1 = fb2 * x - fa2 * shelved;
        var y = shelved + s2;
        s2 = -2f * shelved - fh1 * y + s3;
        s3 = shelved - fh2 * y;
        state = Vector128.Create(s0, s1, s2, s3);
        return y;
    }

    /// <summary>
    /// Eight frames of one channel of interleaved stereo (<paramref name="x"/>: the channel's first sample;
    /// its frames are two floats apart): advances <paramref name="state"/> and adds the squared outputs,
    /// lane by lane, to <paramref name="energy"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Step(ref Vector128<float> state, float* x, ref Vector256<float> energy)
    {
        // Unrolled with constant indices, so the JIT broadcasts straight from memory. The inputs' share
        // comes first and the state's last, in a shallow tree: the state's path from one step to the next
        // is a few operations long, so consecutive steps overlap.
        ref var o = ref MemoryMarshal.GetArrayDataReference(toOutputs);
        ref var t = ref MemoryMarshal.GetArrayDataReference(toState);
        var x0 = Vector256.Create(x[0]);
        var x1 = Vector256.Create(x[2]);
        var x2 = Vector256.Create(x[4]);
        var x3 = Vector256.Create(x[6]);
        var x4 = Vector256.Create(x[8]);
        var x5 = Vector256.Create(x[10]);
        var x6 = Vector256.Create(x[12]);
        var x7 = Vector256.Create(x[14]);
        var early = Vector256.FusedMultiplyAdd(x1, Unsafe.Add(ref o, 5), x0 * Unsafe.Add(ref o, 4));
        var late = Vector256.FusedMultiplyAdd(x3, Unsafe.Add(ref o, 7), x2 * Unsafe.Add(ref o, 6));
        early = Vector256.FusedMultiplyAdd(x5, Unsafe.Add(ref o, 9), Vector256.FusedMultiplyAdd(x4, Unsafe.Add(ref o, 8), early));
        late = Vector256.FusedMultiplyAdd(x7, Unsafe.Add(ref o, 11), Vector256.FusedMultiplyAdd(x6, Unsafe.Add(ref o, 10), late));
        var next = Vector128.FusedMultiplyAdd(x1.GetLower(), Unsafe.Add(ref t, 5), x0.GetLower() * Unsafe.Add(ref t, 4));
        var nextLate = Vector128.FusedMultiplyAdd(x3.GetLower(), Unsafe.Add(ref t, 7), x2.GetLower() * Unsafe.Add(ref t, 6));
        next = Vector128.FusedMultiplyAdd(x5.GetLower(), Unsafe.Add(ref t, 9), Vector128.FusedMultiplyAdd(x4.GetLower(), Unsafe.Add(ref t, 8), next));
        nextLate = Vector128.FusedMultiplyAdd(x7.GetLower(), Unsafe.Add(ref t, 11), Vector128.FusedMultiplyAdd(x6.GetLower(), Unsafe.Add(ref t, 10), nextLate));

        var s = state;
        var s0 = Vector256.Create(s.GetElement(0));
        var s1 = Vector256.Create(s.GetElement(1));
        var s2 = Vector256.Create(s.GetElement(2));
        var s3 = Vector256.Create(s.GetElement(3));
        early = Vector256.FusedMultiplyAdd(s1, Unsafe.Add(ref o, 1), Vector256.FusedMultiplyAdd(s0, Unsafe.Add(ref o, 0), early));
        late = Vector256.FusedMultiplyAdd(s3, Unsafe.Add(ref o, 3), Vector256.FusedMultiplyAdd(s2, Unsafe.Add(ref o, 2), late));
        next = Vector128.FusedMultiplyAdd(s1.GetLower(), Unsafe.Add(ref t, 1), Vector128.FusedMultiplyAdd(s0.GetLower(), Unsafe.Add(ref t, 0), next));
        nextLate = Vector128.FusedMultiplyAdd(s3.GetLower(), Unsafe.Add(ref t, 3), Vector128.FusedMultiplyAdd(s2.GetLower(), Unsafe.Add(ref t, 2), nextLate));
        state = next + nextLate;
        var y = early + late;
        energy = Vector256.FusedMultiplyAdd(y, y, energy);
    }
}
