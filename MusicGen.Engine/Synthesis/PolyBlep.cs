using System.Numerics;

namespace MusicGen.Engine.Synthesis;

/// <summary>Band-limited step correction (Välimäki &amp; Huovilainen 2007) for naive saw and square waves.</summary>
public static class PolyBlep
{
    public static float Correction(float t, float dt)
    {
        if (t < dt)
        {
            var x = t / dt;
            return x + x - x * x - 1f;
        }

        if (t > 1f - dt)
        {
            var x = (t - 1f) / dt;
            return x * x + x + x + 1f;
        }

        return 0f;
    }

    public static float Saw(float t, float dt) => 2f * t - 1f - Correction(t, dt);

    public static float Square(float t, float dt)
    {
        var half = t + 0.5f;
        if (half >= 1f)
        {
            half -= 1f;
        }

        return (t < 0.5f ? 1f : -1f) + Correction(t, dt) - Correction(half, dt);
    }

    /// <summary>
    /// Adds <paramref name="output"/>.Length samples of a saw (or, with <paramref name="square"/>, a
    /// square) at constant <paramref name="increment"/> times <paramref name="level"/>, starting at
    /// <paramref name="phase"/>; returns the phase after them. Vectorised: sample n's phase is
    /// frac(phase + (n + 1)·increment), so no lane waits for the previous one.
    /// </summary>
    public static float Add(Span<float> output, float phase, float increment, float level, bool square)
    {
        var n = 0;
        var width = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated && output.Length >= width)
        {
            Span<float> ramp = stackalloc float[width];
            for (var i = 0; i < width; i++)
            {
                ramp[i] = i + 1;
            }

            var steps = new Vector<float>(ramp) * increment;
            var dt = new Vector<float>(increment);
            var inverse = new Vector<float>(1f / increment);
            var one = Vector<float>.One;
            var half = new Vector<float>(0.5f);
            var gain = new Vector<float>(level);
            for (; n + width <= output.Length; n += width)
            {
                // Phase of the sample before this one plus its steps: the same as stepping one by one.
                var t = new Vector<float>(phase + n * increment) + steps;
                t -= Vector.Floor(t);
                Vector<float> wave;
                if (square)
                {
                    var shifted = t + half;
                    shifted -= Vector.Floor(shifted);
                    var sign = Vector.ConditionalSelect(Vector.LessThan(t, half), one, -one);
                    wave = sign + Correction(t, dt, inverse) - Correction(shifted, dt, inverse);
                }
                else
                {
                    wave = t + t - one - Correction(t, dt, inverse);
                }

                var target = new Vector<float>(output.Slice(n, width));
                (target + wave * gain).CopyTo(output.Slice(n, width));
            }

            phase += n * increment;
            phase -= MathF.Floor(phase);
        }

        for (; n < output.Length; n++)
        {
            phase += increment;
            phase = phase >= 1f ? phase - 1f : phase;
            output[n] += (square ? Square(phase, increment) : Saw(phase, increment)) * level;
        }

        return phase;
    }

    private static Vector<float> Correction(Vector<float> t, Vector<float> dt, Vector<float> inverse)
    {
        var one = Vector<float>.One;
        var rising = t * inverse;
        var afterEdge = rising + rising - rising * rising - one;
        var falling = (t - one) * inverse;
        var beforeEdge = falling * falling + falling + falling + one;
        return Vector.ConditionalSelect(
            Vector.LessThan(t, dt),
            afterEdge,
            Vector.ConditionalSelect(Vector.GreaterThan(t, one - dt), beforeEdge, Vector<float>.Zero));
    }
}
