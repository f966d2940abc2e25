using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// The <see cref="Svf"/> (low-pass, band-pass or high-pass output) eight samples per step. Between coefficient changes the
/// filter is a linear system with two states, so eight outputs are a fixed linear combination of the two states
/// before them and the eight inputs (the impulse response, shifted per input), and so are the states after them:
/// a few vector multiply-adds replace eight ticks whose recursion allows no parallelism. The matrices are built
/// from powers of the 2×2 state matrix whenever the cutoff changes. <see cref="Tick"/> runs the same filter
/// one sample at a time for the tail of a block that is not a multiple of eight.
/// </summary>
public struct BlockSvf
{
    private Vector8 inputColumns;
    private Vector256<float> fromState1, fromState2, toState1, toState2;
    private float c1, c2, d, a11, a12, a21, a22, b1, b2, p11, p12, p21, p22;
    private float ic1, ic2;

    /// <summary>Sets cutoff and Q as <see cref="Svf.Set"/> does; <paramref name="bandPass"/> picks the band-pass output instead of the low-pass.</summary>
    public void Set(float cutoffHz, float q, float sampleRate, bool bandPass) => Set(cutoffHz, q, sampleRate, bandPass ? Output.BandPass : Output.LowPass);

    /// <summary>Sets cutoff and Q as <see cref="Svf.Set"/> does, for the high-pass output.</summary>
    public void SetHighPass(float cutoffHz, float q, float sampleRate) => Set(cutoffHz, q, sampleRate, Output.HighPass);

    [SkipLocalsInit]
    private void Set(float cutoffHz, float q, float sampleRate, Output output)
    {
        var (a1, a2, a3, k) = Svf.Coefficients(cutoffHz, q, sampleRate);

        // One tick as a state-space system: s' = A·s + B·x, y = C·s + D·x with s = (ic1, ic2).
        a11 = 2f * a1 - 1f;
        a12 = -2f * a2;
        a21 = 2f * a2;
        a22 = 1f - 2f * a3;
        b1 = 2f * a2;
        b2 = 2f * a3;
        // The output from the state and the input: v1 = a1·ic1 − a2·ic2 + a2·x, v2 = a2·ic1 + (1 − a3)·ic2 + a3·x,
        // and the high-pass x − k·v1 − v2.
        (c1, c2, d) = output switch
        {
            Output.BandPass => (a1, -a2, a2),
            Output.HighPass => (-(k * a1) - a2, (k * a2) + a3 - 1f, 1f - (k * a2) - a3),
            _ => (a2, 1f - a3, a3),
        };

        // Rows C·Aⁿ (the output's response to the state, n = 0…7) and columns Aʲ·B (the state's response to an
        // input j samples ago), the latter stored by input position k = 7 − j.
        Span<float> row1 = stackalloc float[8];
        Span<float> row2 = stackalloc float[8];
        Span<float> impulse = stackalloc float[15];
        Span<float> column1 = stackalloc float[8];
        Span<float> column2 = stackalloc float[8];
        float r1 = c1, r2 = c2, g1 = b1, g2 = b2;
        impulse[..7].Clear();
        impulse[7] = d;
        for (var n = 0; n < 8; n++)
        {
            row1[n] = r1;
            row2[n] = r2;
            column1[7 - n] = g1;
            column2[7 - n] = g2;
            if (n < 7)
            {
                impulse[8 + n] = r1 * b1 + r2 * b2;
            }

            (r1, r2) = (r1 * a11 + r2 * a21, r1 * a12 + r2 * a22);
            (g1, g2) = (a11 * g1 + a12 * g2, a21 * g1 + a22 * g2);
        }

        fromState1 = Vector256.Create<float>(row1);
        fromState2 = Vector256.Create<float>(row2);
        toState1 = Vector256.Create<float>(column1);
        toState2 = Vector256.Create<float>(column2);

        // Input k reaches output n through h[n − k].
        inputColumns[0] = Vector256.Create<float>(impulse[7..]);
        inputColumns[1] = Vector256.Create<float>(impulse[6..]);
        inputColumns[2] = Vector256.Create<float>(impulse[5..]);
        inputColumns[3] = Vector256.Create<float>(impulse[4..]);
        inputColumns[4] = Vector256.Create<float>(impulse[3..]);
        inputColumns[5] = Vector256.Create<float>(impulse[2..]);
        inputColumns[6] = Vector256.Create<float>(impulse[1..]);
        inputColumns[7] = Vector256.Create<float>(impulse);

        // A⁸ by squaring carries the state across the block.
        (p11, p12, p21, p22) = Square(a11, a12, a21, a22);
        (p11, p12, p21, p22) = Square(p11, p12, p21, p22);
        (p11, p12, p21, p22) = Square(p11, p12, p21, p22);
    }

    /// <summary>
    /// Filters <paramref name="count"/> samples (a multiple of eight) in place. The state stays in registers from step
    /// to step: kept in the struct, each step's state waited on a store and a load before the next could start.
    /// </summary>
    public void ProcessInPlace(ref float x, int count)
    {
        var (s1, s2) = (ic1, ic2);
        for (var n = 0; n < count; n += Vector256<float>.Count)
        {
            ref var p = ref Unsafe.Add(ref x, n);
            StepAt(ref p, ref s1, ref s2).StoreUnsafe(ref p);
        }

        (ic1, ic2) = (s1, s2);
    }

    /// <summary>
    /// Adds the filtered signal to <paramref name="dry"/> × the signal, <paramref name="count"/> samples (a multiple of
    /// eight) in place: a formant band over the dry voice.
    /// </summary>
    public void AddToDryInPlace(ref float x, int count, float dry)
    {
        var (s1, s2) = (ic1, ic2);
        var level = Vector256.Create(dry);
        for (var n = 0; n < count; n += Vector256<float>.Count)
        {
            ref var p = ref Unsafe.Add(ref x, n);
            var input = Vector256.LoadUnsafe(ref p);
            ((level * input) + StepAt(ref p, ref s1, ref s2)).StoreUnsafe(ref p);
        }

        (ic1, ic2) = (s1, s2);
    }

    /// <summary>One step over the eight samples from <paramref name="x"/> on, each broadcast straight from memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Vector256<float> StepAt(ref float x, ref float state1, ref float state2) => Step(
        Vector256.LoadUnsafe(ref x),
        Vector256.Create(x),
        Vector256.Create(Unsafe.Add(ref x, 1)),
        Vector256.Create(Unsafe.Add(ref x, 2)),
        Vector256.Create(Unsafe.Add(ref x, 3)),
        Vector256.Create(Unsafe.Add(ref x, 4)),
        Vector256.Create(Unsafe.Add(ref x, 5)),
        Vector256.Create(Unsafe.Add(ref x, 6)),
        Vector256.Create(Unsafe.Add(ref x, 7)),
        ref state1,
        ref state2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Vector256<float> Step(
        Vector256<float> x,
        Vector256<float> x0,
        Vector256<float> x1,
        Vector256<float> x2,
        Vector256<float> x3,
        Vector256<float> x4,
        Vector256<float> x5,
        Vector256<float> x6,
        Vector256<float> x7,
        ref float state1,
        ref float state2)
    {
        // Fixed association (no fused multiply-add, no hardware-dependent reductions): the same bits everywhere.
        var y = ((inputColumns[0] * x0) + (inputColumns[1] * x1)) + ((inputColumns[2] * x2) + (inputColumns[3] * x3));
        y += ((inputColumns[4] * x4) + (inputColumns[5] * x5)) + ((inputColumns[6] * x6) + (inputColumns[7] * x7));
        y += (fromState1 * Vector256.Create(state1)) + (fromState2 * Vector256.Create(state2));

        // The state after the block: the inputs' share summed in a fixed order, then the state's own.
        var q1 = toState1 * x;
        var q2 = toState2 * x;
        var half1 = q1.GetLower() + q1.GetUpper();
        var half2 = q2.GetLower() + q2.GetUpper();
        var pairs1 = half1 + Vector128.Shuffle(half1, Vector128.Create(2, 3, 0, 1));
        var pairs2 = half2 + Vector128.Shuffle(half2, Vector128.Create(2, 3, 0, 1));
        var s1 = state1;
        var s2 = state2;
        state1 = (pairs1.GetElement(0) + pairs1.GetElement(1)) + (p11 * s1 + p12 * s2);
        state2 = (pairs2.GetElement(0) + pairs2.GetElement(1)) + (p21 * s1 + p22 * s2);
        return y;
    }

    /// <summary>True once the filter has rung out to exact zero (see <see cref="Process(Span{float})"/>).</summary>
    public readonly bool IsSilent => ic1 == 0f && ic2 == 0f;

    /// <summary>
    /// Filters a block in place: eight samples per step, the rest one by one. After a silent block, a state below
    /// 1e-20 (about −400 dB, far under any audible signal's rounding) is cleared, so the filter reaches exact zero
    /// instead of lingering in denormals, and a caller can skip blocks of silence (<see cref="IsSilent"/>).
    /// </summary>
    public void Process(Span<float> block)
    {
        var n = 0;
        var peak = Vector256<float>.Zero;
        var (s1, s2) = (ic1, ic2);
        for (; n + 8 <= block.Length; n += 8)
        {
            ref var x = ref block[n];
            peak = Vector256.MaxNative(peak, Vector256.Abs(Vector256.LoadUnsafe(ref x)));
            StepAt(ref x, ref s1, ref s2).StoreUnsafe(ref x);
        }

        (ic1, ic2) = (s1, s2);

        var silent = peak == Vector256<float>.Zero;
        for (; n < block.Length; n++)
        {
            silent &= block[n] == 0f;
            block[n] = Tick(block[n]);
        }

        if (silent && Math.Abs(ic1) < 1e-20f && Math.Abs(ic2) < 1e-20f)
        {
            (ic1, ic2) = (0f, 0f);
        }
    }

    /// <summary>Filters one sample.</summary>
    public float Tick(float x)
    {
        var y = c1 * ic1 + c2 * ic2 + d * x;
        var s1 = a11 * ic1 + a12 * ic2 + b1 * x;
        ic2 = a21 * ic1 + a22 * ic2 + b2 * x;
        ic1 = s1;
        return y;
    }

    private static (float, float, float, float) Square(float m11, float m12, float m21, float m22) =>
        (m11 * m11 + m12 * m21, m11 * m12 + m12 * m22, m21 * m11 + m22 * m21, m21 * m12 + m22 * m22);

    private enum Output
    {
        LowPass,
        BandPass,
        HighPass,
    }

    [InlineArray(8)]
    private struct Vector8
    {
        private Vector256<float> element;
    }
}
