namespace MusicGen.Engine.Synthesis;

/// <summary>Cytomic (Simper) trapezoidal state-variable filter: stable under fast cutoff modulation.</summary>
public struct Svf
{
    private float a1, a2, a3, k, ic1, ic2;

    public void Set(float cutoffHz, float q, float sampleRate)
    {
        var fc = Math.Clamp(cutoffHz, 10f, sampleRate * 0.45f);
        var g = MathF.Tan(MathF.PI * fc / sampleRate);
        k = 1f / Math.Max(q, 0.05f);
        a1 = 1f / (1f + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    /// <summary>True once the filter has rung out to exact zero (see <see cref="HighPass(Span{float})"/>).</summary>
    public readonly bool IsSilent => ic1 == 0f && ic2 == 0f;

    /// <summary>
    /// <see cref="HighPass(float)"/> over a block in place, with the state in locals (the same arithmetic, so the
    /// same bits). After a silent block, a state below 1e-20 (about −400 dB, far under any audible signal's
    /// rounding) is cleared, so the filter reaches exact zero instead of lingering in denormals.
    /// </summary>
    public void HighPass(Span<float> block)
    {
        var (c1, c2) = (ic1, ic2);
        var peak = 0f;
        for (var n = 0; n < block.Length; n++)
        {
            var v0 = block[n];
            peak = Math.Max(peak, Math.Abs(v0));
            var v3 = v0 - c2;
            var v1 = a1 * c1 + a2 * v3;
            var v2 = c2 + a2 * c1 + a3 * v3;
            c1 = 2f * v1 - c1;
            c2 = 2f * v2 - c2;
            block[n] = v0 - k * v1 - v2;
        }

        if (peak == 0f && Math.Abs(c1) < 1e-20f && Math.Abs(c2) < 1e-20f)
        {
            (c1, c2) = (0f, 0f);
        }

        (ic1, ic2) = (c1, c2);
    }

    public float LowPass(float v0)
    {
        Tick(v0, out _, out var v2);
        return v2;
    }

    public float BandPass(float v0)
    {
        Tick(v0, out var v1, out _);
        return v1;
    }

    public float HighPass(float v0)
    {
        Tick(v0, out var v1, out var v2);
        return v0 - k * v1 - v2;
    }

    private void Tick(float v0, out float v1, out float v2)
    {
        var v3 = v0 - ic2;
        v1 = a1 * ic1 + a2 * v3;
        v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2f * v1 - ic1;
        ic2 = 2f * v2 - ic2;
    }
}
