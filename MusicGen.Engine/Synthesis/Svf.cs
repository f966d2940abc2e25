namespace MusicGen.Engine.Synthesis;

/// <summary>Cytomic (Simper) trapezoidal state-variable filter: stable under fast cutoff modulation.</summary>
public struct Svf
{
    private float a1, a2, a3, k, ic1, ic2;

    public void Set(float cutoffHz, float q, float sampleRate) => (a1, a2, a3, k) = Coefficients(cutoffHz, q, sampleRate);

    /// <summary>
    /// The trapezoidal integrators' coefficients for a cutoff (kept between 10 Hz and 0.45 × the rate) and Q, shared
    /// by the block and stereo forms of the filter so that all of them compute the same numbers.
    /// </summary>
    internal static (float A1, float A2, float A3, float K) Coefficients(float cutoffHz, float q, float sampleRate)
    {
        var fc = Math.Clamp(cutoffHz, 10f, sampleRate * 0.45f);
        var g = MathF.Tan(MathF.PI * fc / sampleRate);
        var k = 1f / Math.Max(q, 0.05f);
        var a1 = 1f / (1f + g * (g + k));
        var a2 = g * a1;
        return (a1, a2, g * a2, k);
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
