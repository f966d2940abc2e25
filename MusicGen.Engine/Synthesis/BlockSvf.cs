using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// The <see cref="Svf"/> (low-pass or band-pass output) eight samples per step. Between coefficient changes the
/// filter is a linear system with two states, so eight outputs are a fixed linear combination of the two states
/// before them and the eight inputs (the impulse response, shifted per input), and so are the states after them:
/// 18 vector multiply-adds replace eight ticks whose recursion allows no parallelism. The matrices are built
/// from powers of the 2×2 state matrix whenever the cutoff changes. <see cref="Tick"/> runs the same filter
/// one sample at a time for the tail of a block that is not a multiple of eight.
/// </summary>
public struct BlockSvf
{
    private Vector8 inputColumns;
    private Vector256<float> fromState1, fromState2;
    private Vector4x8 stateColumns;
    private Vector128<float> stateFromState1, stateFromState2;
    private float c1, c2, d, a11, a12, a21, a22, b1, b2;
    private float ic1, ic2;

    /// <summary>Sets cutoff and Q as <see cref="Svf.Set"/> does; <paramref name="bandPass"/> picks the band-pass output instead of the low-pass.</summary>
    public void Set(float cutoffHz, float q, float sampleRate, bool bandPass)
    {
        var fc = Math.Clamp(cutoffHz, 10f, sampleRate * 0.45f);
        var g = MathF.Tan(MathF.PI * fc / sampleRate);
        var k = 1f / Math.Max(q, 0.05f);
        var a1 = 1f / (1f + g * (g + k));
        var a2 = g * a1;
        var a3 = g * a2;

        // One tick as a state-space system: s' = A·s + B·x, y = C·s + D·x with s = (ic1, ic2).
        a11 = 2f * a1 - 1f;
        a12 = -2f * a2;
        a21 = 2f * a2;
        a22 = 1f - 2f * a3;
        b1 = 2f * a2;
        b2 = 2f * a3;
        (c1, c2, d) = bandPass ? (a1, -a2, a2) : (a2, 1f - a3, a3);

        // Rows C·Aⁿ (the output's response to the state, n = 0…7) and columns Aʲ·B (the state's response to an input j samples ago).
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
            column1[n] = g1;
            column2[n] = g2;
            if (n < 7)
            {
                impulse[8 + n] = r1 * b1 + r2 * b2;
            }

            (r1, r2) = (r1 * a11 + r2 * a21, r1 * a12 + r2 * a22);
            (g1, g2) = (a11 * g1 + a12 * g2, a21 * g1 + a22 * g2);
        }

        fromState1 = Vector256.Create<float>(row1);
        fromState2 = Vector256.Create<float>(row2);
        for (var k8 = 0; k8 < 8; k8++)
        {
            // Input k reaches output n through h[n − k], and the state after the block through A^(7−k)·B.
            inputColumns[k8] = Vector256.Create<float>(impulse.Slice(7 - k8, 8));
            stateColumns[k8] = Vector128.Create(column1[7 - k8], column2[7 - k8], 0f, 0f);
        }

        // A⁸ by squaring: its columns carry the state across the block.
        var (p11, p12, p21, p22) = Square(a11, a12, a21, a22);
        (p11, p12, p21, p22) = Square(p11, p12, p21, p22);
        (p11, p12, p21, p22) = Square(p11, p12, p21, p22);
        stateFromState1 = Vector128.Create(p11, p21, 0f, 0f);
        stateFromState2 = Vector128.Create(p12, p22, 0f, 0f);
    }

    /// <summary>Filters eight consecutive samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Process(Vector256<float> x)
    {
        var x0 = Vector256.Create(x.GetElement(0));
        var x1 = Vector256.Create(x.GetElement(1));
        var x2 = Vector256.Create(x.GetElement(2));
        var x3 = Vector256.Create(x.GetElement(3));
        var x4 = Vector256.Create(x.GetElement(4));
        var x5 = Vector256.Create(x.GetElement(5));
        var x6 = Vector256.Create(x.GetElement(6));
        var x7 = Vector256.Create(x.GetElement(7));
        var s1 = Vector256.Create(ic1);
        var s2 = Vector256.Create(ic2);

        // Fixed association (no fused multiply-add, no hardware-dependent reductions): the same bits everywhere.
        var y = ((inputColumns[0] * x0) + (inputColumns[1] * x1)) + ((inputColumns[2] * x2) + (inputColumns[3] * x3));
        y += ((inputColumns[4] * x4) + (inputColumns[5] * x5)) + ((inputColumns[6] * x6) + (inputColumns[7] * x7));
        y += (fromState1 * s1) + (fromState2 * s2);

        var s = ((stateColumns[0] * x0.GetLower()) + (stateColumns[1] * x1.GetLower())) + ((stateColumns[2] * x2.GetLower()) + (stateColumns[3] * x3.GetLower()));
        s += ((stateColumns[4] * x4.GetLower()) + (stateColumns[5] * x5.GetLower())) + ((stateColumns[6] * x6.GetLower()) + (stateColumns[7] * x7.GetLower()));
        s += (stateFromState1 * s1.GetLower()) + (stateFromState2 * s2.GetLower());
        ic1 = s.GetElement(0);
        ic2 = s.GetElement(1);
        return y;
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

    [InlineArray(8)]
    private struct Vector8
    {
        private Vector256<float> element;
    }

    [InlineArray(8)]
    private struct Vector4x8
    {
        private Vector128<float> element;
    }
}
