using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// <paramref name="phase"/>; returns the phase after them. Eight samples per step: sample n's phase is
    /// frac(phase + (n + 1)·increment), so no lane waits for the previous one, and the step corrections are
    /// computed only for the eight samples that hold an edge (one in period / 8 or so).
    /// </summary>
    public static float Add(Span<float> output, float phase, float increment, float level, bool square)
    {
        var n = 0;
        if (output.Length >= Vector256<float>.Count)
        {
            var steps = (VectorSine.Ramp + Vector256<float>.One) * increment;
            var dt = Vector256.Create(increment);
            var inverse = Vector256.Create(1f / increment);
            var upper = Vector256<float>.One - dt;
            var one = Vector256<float>.One;
            var half = Vector256.Create(0.5f);
            var gain = Vector256.Create(level);
            for (; n + Vector256<float>.Count <= output.Length; n += Vector256<float>.Count)
            {
                // Phase of the sample before this one plus its steps: the same as stepping one by one.
                var t = Vector256.Create(phase + n * increment) + steps;
                t -= Vector256.Floor(t);
                Vector256<float> wave;
                if (square)
                {
                    var shifted = t + half;
                    shifted -= Vector256.Floor(shifted);
                    wave = Vector256.ConditionalSelect(Vector256.LessThan(t, half), one, -one);
                    if (NearEdge(t, dt, upper) || NearEdge(shifted, dt, upper))
                    {
                        wave = wave + Correction(t, dt, inverse) - Correction(shifted, dt, inverse);
                    }
                }
                else
                {
                    wave = t + t - one;
                    if (NearEdge(t, dt, upper))
                    {
                        wave -= Correction(t, dt, inverse);
                    }
                }

                var target = Vector256.Create<float>(output.Slice(n, Vector256<float>.Count));
                (target + wave * gain).CopyTo(output.Slice(n, Vector256<float>.Count));
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

    /// <summary>
    /// A unison stack of saws over consecutive blocks of <paramref name="blockLength"/> samples (the last may be shorter):
    /// oscillator i runs at <paramref name="increments"/>[i] × <paramref name="scales"/>[b] in block b from
    /// <paramref name="phases"/>[i], which is updated. Eight samples per step, each block restarting the vector phases
    /// from the oscillator's scalar phase; the division for the corrections only when an edge falls in a step.
    /// </summary>
    public static void AddUnison(Span<float> output, Span<float> phases, ReadOnlySpan<float> increments, ReadOnlySpan<float> scales, int blockLength, float level)
    {
        var one = Vector256<float>.One;
        var gain = Vector256.Create(level);
        var ramp = VectorSine.Ramp + one;
        ref var samples = ref MemoryMarshal.GetReference(output);
        for (var i = 0; i < phases.Length; i++)
        {
            var phase = phases[i];
            var frequency = increments[i];
            for (int b = 0, start = 0; start < output.Length; b++, start += blockLength)
            {
                var count = Math.Min(blockLength, output.Length - start);
                var whole = count & ~(Vector256<float>.Count - 1);
                var increment = frequency * scales[b];
                if (whole == 0)
                {
                    phase = Add(output.Slice(start, count), phase, increment, level, square: false);
                    continue;
                }

                var dt = Vector256.Create(increment);
                var upper = one - dt;
                var step = Vector256.Create(increment * Vector256<float>.Count);
                ref var block = ref Unsafe.Add(ref samples, start);
                var t = Vector256.Create(phase) + ramp * increment;
                for (var n = 0; n < whole; n += Vector256<float>.Count)
                {
                    t -= Vector256.Floor(t);
                    var wave = t + t - one;
                    if (NearEdge(t, dt, upper))
                    {
                        wave -= Correction(t, dt, Vector256.Create(1f / increment));
                    }

                    (Vector256.LoadUnsafe(ref block, (nuint)n) + wave * gain).StoreUnsafe(ref block, (nuint)n);
                    t += step;
                }

                phase += whole * increment;
                phase -= MathF.Floor(phase);
                for (var n = whole; n < count; n++)
                {
                    phase += increment;
                    phase = phase >= 1f ? phase - 1f : phase;
                    Unsafe.Add(ref block, n) += Saw(phase, increment) * level;
                }
            }

            phases[i] = phase;
        }
    }

    private static bool NearEdge(Vector256<float> t, Vector256<float> dt, Vector256<float> upper) =>
        (Vector256.LessThan(t, dt) | Vector256.GreaterThan(t, upper)).ExtractMostSignificantBits() != 0;

    private static Vector256<float> Correction(Vector256<float> t, Vector256<float> dt, Vector256<float> inverse)
    {
        var one = Vector256<float>.One;
        var rising = t * inverse;
        var afterEdge = rising + rising - rising * rising - one;
        var falling = (t - one) * inverse;
        var beforeEdge = falling * falling + falling + falling + one;
        return Vector256.ConditionalSelect(
            Vector256.LessThan(t, dt),
            afterEdge,
            Vector256.ConditionalSelect(Vector256.GreaterThan(t, one - dt), beforeEdge, Vector256<float>.Zero));
    }
}
