using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The <see cref="Synthesis.Svf"/>'s low-pass on both channels of interleaved stereo (the lo-fi master's tape top),
/// four frames per step. The filter is a linear system with two states per channel, so four frames'
/// outputs are a fixed combination of the states before them and the four inputs, and so are the states
/// after them: a few vector multiply-adds over the interleaved samples, with the state's recursion taken
/// once per four frames instead of every sample. Frames left over run one by one on the same state.
/// </summary>
internal sealed class StereoSvf
{
    private const int Frames = 4;

    /// <summary>The one-tick coefficients of <see cref="Synthesis.Svf"/>.</summary>
    private readonly float a1, a2, a3;

    /// <summary>Output from the states (per frame of the step, both channels' lanes), from input frame j, state from input j, and A⁴.</summary>
    private readonly Vector256<float> fromState1, fromState2;
    private readonly Vector256<float>[] fromInput = new Vector256<float>[Frames];
    private readonly Vector256<float>[] state1FromInput = new Vector256<float>[Frames], state2FromInput = new Vector256<float>[Frames];
    private readonly Vector256<float> p11, p12, p21, p22;

    private float ic1Left, ic2Left, ic1Right, ic2Right;

    public StereoSvf(float cutoffHz, float q, float sampleRate)
    {
        (a1, a2, a3, _) = Svf.Coefficients(cutoffHz, q, sampleRate);

        // One tick as a state-space system: s' = A·s + B·x, y = C·s + D·x with s = (ic1, ic2).
        double m11 = 2.0 * a1 - 1.0, m12 = -2.0 * a2, m21 = 2.0 * a2, m22 = 1.0 - 2.0 * a3, b1 = 2.0 * a2, b2 = 2.0 * a3;
        (double c1, double c2, double d) = (a2, 1.0 - a3, a3);

        // Rows C·Aᶠ, impulse response h (h₀ = D, hₘ = C·Aᵐ⁻¹·B) and columns Aⁱ·B.
        var rows = new double[Frames, 2];
        var impulse = new double[Frames];
        var columns = new double[Frames, 2];
        (double r1, double r2) = (c1, c2);
        (double g1, double g2) = (b1, b2);
        impulse[0] = d;
        for (var f = 0; f < Frames; f++)
        {
            (rows[f, 0], rows[f, 1]) = (r1, r2);
            (columns[f, 0], columns[f, 1]) = (g1, g2);
            if (f + 1 < Frames)
            {
                impulse[f + 1] = r1 * b1 + r2 * b2;
            }

            (r1, r2) = (r1 * m11 + r2 * m21, r1 * m12 + r2 * m22);
            (g1, g2) = (m11 * g1 + m12 * g2, m21 * g1 + m22 * g2);
        }

        fromState1 = Pairs(f => rows[f, 0]);
        fromState2 = Pairs(f => rows[f, 1]);
        for (var j = 0; j < Frames; j++)
        {
            var input = j;
            fromInput[j] = Pairs(f => f >= input ? impulse[f - input] : 0.0);

            // Input j reaches the state after the step through Frames − 1 − j more ticks.
            state1FromInput[j] = Vector256.Create((float)columns[Frames - 1 - j, 0]);
            state2FromInput[j] = Vector256.Create((float)columns[Frames - 1 - j, 1]);
        }

        // A⁴.
        var (q11, q12, q21, q22) = (m11, m12, m21, m22);
        for (var i = 1; i < Frames; i++)
        {
            (q11, q12, q21, q22) = (q11 * m11 + q12 * m21, q11 * m12 + q12 * m22, q21 * m11 + q22 * m21, q21 * m12 + q22 * m22);
        }

        (p11, p12, p21, p22) = (Vector256.Create((float)q11), Vector256.Create((float)q12), Vector256.Create((float)q21), Vector256.Create((float)q22));
    }

    /// <summary>Filters interleaved stereo in place.</summary>
    public void Process(Span<float> interleaved)
    {
        var frames = interleaved.Length / 2;
        var n = 0;
        if (Vector256.IsHardwareAccelerated && frames >= Frames)
        {
            // States as pairs (left, right) repeated over the four frames' lanes; every term keeps that form.
            var s1 = Vector256.Create(ic1Left, ic1Right, ic1Left, ic1Right, ic1Left, ic1Right, ic1Left, ic1Right);
            var s2 = Vector256.Create(ic2Left, ic2Right, ic2Left, ic2Right, ic2Left, ic2Right, ic2Left, ic2Right);
            var (h0, h1, h2, h3) = (fromInput[0], fromInput[1], fromInput[2], fromInput[3]);
            var (u10, u11, u12, u13) = (state1FromInput[0], state1FromInput[1], state1FromInput[2], state1FromInput[3]);
            var (u20, u21, u22, u23) = (state2FromInput[0], state2FromInput[1], state2FromInput[2], state2FromInput[3]);
            ref var samples = ref MemoryMarshal.GetReference(interleaved);
            for (; n + Frames <= frames; n += Frames)
            {
                var x = Vector256.LoadUnsafe(ref samples, (nuint)(2 * n));
                var x0 = Vector256.Shuffle(x, Vector256.Create(0, 1, 0, 1, 0, 1, 0, 1));
                var x1 = Vector256.Shuffle(x, Vector256.Create(2, 3, 2, 3, 2, 3, 2, 3));
                var x2 = Vector256.Shuffle(x, Vector256.Create(4, 5, 4, 5, 4, 5, 4, 5));
                var x3 = Vector256.Shuffle(x, Vector256.Create(6, 7, 6, 7, 6, 7, 6, 7));
                var y = x0 * h0 + x1 * h1 + x2 * h2 + x3 * h3 + s1 * fromState1 + s2 * fromState2;
                y.StoreUnsafe(ref samples, (nuint)(2 * n));

                // The inputs' part first, the states' last: the recursion's path per step is one multiply and two adds.
                var in1 = x0 * u10 + x1 * u11 + x2 * u12 + x3 * u13;
                var in2 = x0 * u20 + x1 * u21 + x2 * u22 + x3 * u23;
                (s1, s2) = (in1 + s1 * p11 + s2 * p12, in2 + s1 * p21 + s2 * p22);
            }

            (ic1Left, ic1Right, ic2Left, ic2Right) = (s1.GetElement(0), s1.GetElement(1), s2.GetElement(0), s2.GetElement(1));
        }

        for (; n < frames; n++)
        {
            interleaved[2 * n] = Tick(interleaved[2 * n], ref ic1Left, ref ic2Left);
            interleaved[2 * n + 1] = Tick(interleaved[2 * n + 1], ref ic1Right, ref ic2Right);
        }
    }

    /// <summary>One sample through one channel, as <see cref="Synthesis.Svf"/> ticks.</summary>
    private float Tick(float v0, ref float ic1, ref float ic2)
    {
        var v3 = v0 - ic2;
        var v1 = a1 * ic1 + a2 * v3;
        var v2 = ic2 + a2 * ic1 + a3 * v3;
        (ic1, ic2) = (2f * v1 - ic1, 2f * v2 - ic2);
        return v2;
    }

    private static Vector256<float> Pairs(Func<int, double> perFrame)
    {
        var lanes = new float[2 * Frames];
        for (var f = 0; f < Frames; f++)
        {
            lanes[2 * f] = lanes[2 * f + 1] = (float)perFrame(f);
        }

        return Vector256.Create<float>(lanes);
    }
}
