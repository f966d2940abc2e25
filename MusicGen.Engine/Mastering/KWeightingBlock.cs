using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The K-weighting cascade (shelf then high-pass, each a transposed direct-form-II biquad in double) as
/// one four-state linear system, stepped <see cref="Frames"/> frames at a time in state-space form.
/// </summary>
/// <remarks>
/// Over a block the outputs are y = C·s + D·x and the next state A·s + B·x, with the matrices taken from
/// the frame-by-frame recursion itself (its responses to unit states and unit impulses). The recursion's
/// latency is then paid once per eight frames instead of every frame, and the rest is independent
/// multiply-adds. The result is the frame-by-frame one up to double rounding.
/// </remarks>
internal sealed class KWeightingBlock
{
    public const int Frames = 8;
    private const int States = 4;

    private readonly double sb0, sb1, sb2, sa1, sa2, ha1, ha2;

    /// <summary>
    /// The block matrices by columns, in the order <see cref="Step"/> reads them: per state k, its
    /// contribution to outputs 0–3, outputs 4–7 and the next state (C and A); then per input frame j, the
    /// same three of D and B (outputs 0–3 only for j &lt; 4, where they are not zero).
    /// </summary>
    private readonly Vector256<double>[] matrix = new Vector256<double>[3 * States + 3 * Frames];

    public KWeightingBlock(int sampleRate)
    {
        var (shelf, highPass) = KWeighting.Create(sampleRate);
        (sb0, sb1, sb2, sa1, sa2) = (shelf.B0, shelf.B1, shelf.B2, shelf.A1, shelf.A2);
        (ha1, ha2) = (highPass.A1, highPass.A2);
        Span<double> outputs = stackalloc double[Frames];
        for (var k = 0; k < States; k++)
        {
            var state = Vector256<double>.Zero.WithElement(k, 1.0);
            Respond(ref state, -1, outputs);
            matrix[3 * k] = Vector256.Create<double>(outputs[..4]);
            matrix[3 * k + 1] = Vector256.Create<double>(outputs[4..]);
            matrix[3 * k + 2] = state;
        }

        for (var j = 0; j < Frames; j++)
        {
            var state = Vector256<double>.Zero;
            Respond(ref state, j, outputs);
            matrix[3 * States + 3 * j] = Vector256.Create<double>(outputs[..4]);
            matrix[3 * States + 3 * j + 1] = Vector256.Create<double>(outputs[4..]);
            matrix[3 * States + 3 * j + 2] = state;
        }
    }

    /// <summary>One frame: the K-weighted output of <paramref name="x"/>, advancing <paramref name="state"/>.</summary>
    public double Tick(ref Vector256<double> state, double x)
    {
        var (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
        var shelved = sb0 * x + s0;
        s0 = sb1 * x - sa1 * shelved + s1;
        s1 = sb2 * x - sa2 * shelved;

        // The high-pass's numerator is 1, −2, 1.
        var y = shelved + s2;
        s2 = -2.0 * shelved - ha1 * y + s3;
        s3 = shelved - ha2 * y;
        state = Vector256.Create(s0, s1, s2, s3);
        return y;
    }

    /// <summary>
    /// Eight frames of one channel (<paramref name="x"/>, already in double): advances <paramref name="state"/>
    /// and adds the squared outputs, lane by lane, to <paramref name="energy"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Step(ref Vector256<double> state, double* x, ref Vector256<double> energy)
    {
        // Unrolled with constant indices, so the JIT broadcasts straight from registers and memory. The
        // inputs' share comes first and the state's last, in a shallow tree: the state's path from one step
        // to the next is only a few operations long, so consecutive steps overlap.
        ref var m = ref MemoryMarshal.GetArrayDataReference(matrix);
        var x0 = Vector256.Create(x[0]);
        var x1 = Vector256.Create(x[1]);
        var x2 = Vector256.Create(x[2]);
        var x3 = Vector256.Create(x[3]);
        var x4 = Vector256.Create(x[4]);
        var x5 = Vector256.Create(x[5]);
        var x6 = Vector256.Create(x[6]);
        var x7 = Vector256.Create(x[7]);
        var low = Vector256.FusedMultiplyAdd(x1, Unsafe.Add(ref m, 15), x0 * Unsafe.Add(ref m, 12));
        var high = Vector256.FusedMultiplyAdd(x1, Unsafe.Add(ref m, 16), x0 * Unsafe.Add(ref m, 13));
        var next = Vector256.FusedMultiplyAdd(x1, Unsafe.Add(ref m, 17), x0 * Unsafe.Add(ref m, 14));
        var lowLate = Vector256.FusedMultiplyAdd(x3, Unsafe.Add(ref m, 21), x2 * Unsafe.Add(ref m, 18));
        var highLate = Vector256.FusedMultiplyAdd(x3, Unsafe.Add(ref m, 22), x2 * Unsafe.Add(ref m, 19));
        var nextLate = Vector256.FusedMultiplyAdd(x3, Unsafe.Add(ref m, 23), x2 * Unsafe.Add(ref m, 20));
        high = Vector256.FusedMultiplyAdd(x4, Unsafe.Add(ref m, 25), high);
        next = Vector256.FusedMultiplyAdd(x4, Unsafe.Add(ref m, 26), next);
        highLate = Vector256.FusedMultiplyAdd(x5, Unsafe.Add(ref m, 28), highLate);
        nextLate = Vector256.FusedMultiplyAdd(x5, Unsafe.Add(ref m, 29), nextLate);
        high = Vector256.FusedMultiplyAdd(x6, Unsafe.Add(ref m, 31), high);
        next = Vector256.FusedMultiplyAdd(x6, Unsafe.Add(ref m, 32), next);
        highLate = Vector256.FusedMultiplyAdd(x7, Unsafe.Add(ref m, 34), highLate);
        nextLate = Vector256.FusedMultiplyAdd(x7, Unsafe.Add(ref m, 35), nextLate);

        var s = state;
        var s0 = Vector256.Create(s.GetElement(0));
        var s1 = Vector256.Create(s.GetElement(1));
        var s2 = Vector256.Create(s.GetElement(2));
        var s3 = Vector256.Create(s.GetElement(3));
        low = Vector256.FusedMultiplyAdd(s1, Unsafe.Add(ref m, 3), Vector256.FusedMultiplyAdd(s0, Unsafe.Add(ref m, 0), low));
        high = Vector256.FusedMultiplyAdd(s1, Unsafe.Add(ref m, 4), Vector256.FusedMultiplyAdd(s0, Unsafe.Add(ref m, 1), high));
        next = Vector256.FusedMultiplyAdd(s1, Unsafe.Add(ref m, 5), Vector256.FusedMultiplyAdd(s0, Unsafe.Add(ref m, 2), next));
        lowLate = Vector256.FusedMultiplyAdd(s3, Unsafe.Add(ref m, 9), Vector256.FusedMultiplyAdd(s2, Unsafe.Add(ref m, 6), lowLate));
        highLate = Vector256.FusedMultiplyAdd(s3, Unsafe.Add(ref m, 10), Vector256.FusedMultiplyAdd(s2, Unsafe.Add(ref m, 7), highLate));
        nextLate = Vector256.FusedMultiplyAdd(s3, Unsafe.Add(ref m, 11), Vector256.FusedMultiplyAdd(s2, Unsafe.Add(ref m, 8), nextLate));
        low += lowLate;
        high += highLate;
        next += nextLate;
        state = next;
        energy = Vector256.FusedMultiplyAdd(low, low, Vector256.FusedMultiplyAdd(high, high, energy));
    }

    /// <summary>Runs the recursion for a block from <paramref name="state"/>, with a unit impulse at frame <paramref name="impulse"/> (−1: none).</summary>
    private void Respond(ref Vector256<double> state, int impulse, Span<double> outputs)
    {
        for (var n = 0; n < Frames; n++)
        {
            outputs[n] = Tick(ref state, n == impulse ? 1.0 : 0.0);
        }
    }
}
