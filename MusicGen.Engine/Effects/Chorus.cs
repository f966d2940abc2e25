using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>
/// Stereo chorus: two interpolated delay taps (about 12 ms ± 3 ms) swept by quadrature LFOs. Eight samples per
/// step: the shortest delay (9 ms) is far longer than eight samples, so a step's inputs are written before its
/// taps are read without changing what the taps see; the LFOs are looked up once per step and rotated to each sample.
/// </summary>
public sealed class Chorus(float sampleRate, float rateHz = 0.6f, float depthMs = 3f, float mix = 0.5f)
{
    private const int Step = 8;

    // One sample more than the delay line: a copy of sample 0, so the interpolation's second read never wraps.
    private readonly float[] buffer = new float[(int)(sampleRate * 0.04f) + 4 + 1];
    private readonly int size = (int)(sampleRate * 0.04f) + 4;
    private readonly float centre = sampleRate * 0.012f;
    private float depth = sampleRate * depthMs / 1000f;
    private float wetMix = mix;
    private float increment = rateHz / sampleRate;

    // cos and sin of the LFO's advance over 0…7 samples: a step's eight LFO values are the rotations of its first.
    private Vector256<float> cosSteps = Steps(rateHz / sampleRate, Math.Cos);
    private Vector256<float> sinSteps = Steps(rateHz / sampleRate, Math.Sin);
    private int write;
    private float lfo;

    /// <summary>
    /// Moves the sweep to <paramref name="rateHz"/> and <paramref name="depthMs"/> (at most 5.5 ms, so the taps stay
    /// inside the line) and the wet share to <paramref name="wet"/> from the next sample on. The LFO's phase carries on,
    /// so a new rate does not jump; a caller that changes the depth moves it in small steps, as a step in depth is a step
    /// in the taps' delay.
    /// </summary>
    public void SetSweep(float rateHz, float depthMs, float wet)
    {
        depth = sampleRate * Math.Min(depthMs, 5.5f) / 1000f;
        wetMix = wet;
        if (rateHz / sampleRate != increment)
        {
            increment = rateHz / sampleRate;
            cosSteps = Steps(increment, Math.Cos);
            sinSteps = Steps(increment, Math.Sin);
        }
    }

    /// <summary>How many samples of silence fill the delay line with zeros, after which <see cref="Skip"/> may stand for <see cref="Process"/>.</summary>
    public int Length => size;

    /// <summary>
    /// What <see cref="Process"/> does to a block of zeros once the line holds only zeros: the output is zeros, so
    /// only the write position and the LFO move, by the same steps (the same bits later on).
    /// </summary>
    public void Skip(int frames)
    {
        var n = 0;
        for (; n + Step <= frames; n += Step)
        {
            write += Step;
            write = write >= size ? write - size : write;
            lfo += increment * Step;
            lfo -= MathF.Floor(lfo);
        }

        for (; n < frames; n++)
        {
            write = write + 1 == size ? 0 : write + 1;
            lfo += increment;
            lfo = lfo >= 1f ? lfo - 1f : lfo;
        }
    }

    /// <summary>Mono in (the part's dry signal in <paramref name="left"/>), stereo out (written to both spans).</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        var n = 0;
        var dry = Vector256.Create(1f - wetMix * 0.5f);
        var wet = Vector256.Create(wetMix);
        var sizes = Vector256.Create((float)size);
        var centres = Vector256.Create(centre);
        var depths = Vector256.Create(depth);
        for (; n + Step <= left.Length; n += Step)
        {
            var first = write;
            var input = Vector256.Create<float>(left.Slice(n, Step));
            if (first > 0 && first + Step < size)
            {
                // Neither the wrap nor the copy of sample 0 falls in these eight.
                input.CopyTo(buffer.AsSpan(first, Step));
                write += Step;
            }
            else
            {
                for (var j = 0; j < Step; j++)
                {
                    Store(left[n + j]);
                }
            }

            var positions = Vector256.Create((float)first) + VectorSine.Ramp;
            positions = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(positions, sizes), positions - sizes, positions) - centres;
            var sine = Vector256.Create(SineTable.Sin(lfo));
            var cosine = Vector256.Create(SineTable.Sin(lfo + 0.25f));
            var tapL = Read(positions - depths * (sine * cosSteps + cosine * sinSteps), sizes);
            var tapR = Read(positions - depths * (cosine * cosSteps - sine * sinSteps), sizes);
            (input * dry + tapL * wet).CopyTo(left.Slice(n, Step));
            (input * dry + tapR * wet).CopyTo(right.Slice(n, Step));
            lfo += increment * Step;
            lfo -= MathF.Floor(lfo);
        }

        for (; n < left.Length; n++)
        {
            var input = left[n];
            var at = write;
            Store(input);
            var l = Read(at - centre - depth * SineTable.Sin(lfo));
            var r = Read(at - centre - depth * SineTable.Sin(lfo + 0.25f));
            left[n] = input * (1f - wetMix * 0.5f) + l * wetMix;
            right[n] = input * (1f - wetMix * 0.5f) + r * wetMix;
            lfo += increment;
            lfo = lfo >= 1f ? lfo - 1f : lfo;
        }
    }

    private static Vector256<float> Steps(float increment, Func<double, double> function)
    {
        Span<float> steps = stackalloc float[Step];
        for (var j = 0; j < Step; j++)
        {
            steps[j] = (float)function(2 * Math.PI * increment * j);
        }

        return Vector256.Create<float>(steps);
    }

    private void Store(float input)
    {
        buffer[write] = input;
        if (write == 0)
        {
            buffer[size] = input;
        }

        if (++write == size)
        {
            write = 0;
        }
    }

    /// <summary>Eight linearly interpolated reads at fractional positions (negative ones are a delay line length back).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe Vector256<float> Read(Vector256<float> position, Vector256<float> sizes)
    {
        position = Vector256.ConditionalSelect(Vector256.LessThan(position, Vector256<float>.Zero), position + sizes, position);
        // Positions lie within the line, so the native conversion (no saturation) gives the same integers.
        var whole = Vector256.ConvertToInt32Native(position);
        var frac = position - Vector256.ConvertToSingle(whole);
        var lastIndex = Vector256.Create(size);
        whole = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(whole, lastIndex), whole - lastIndex, whole);
        Vector256<float> a, b;
        fixed (float* samples = buffer)
        {
            // The taps move by about one sample per sample, so the eight usually lie within eight samples of the
            // first: then two loads and two permutes fetch them. Either way the same elements are loaded as in the
            // scalar loop: the same bits on every machine.
            var first = whole.ToScalar();
            var offsets = whole - Vector256.Create(first);
            if (Avx2.IsSupported && (uint)first <= (uint)(size - Step) && Avx.TestZ(offsets, Vector256.Create(~(Step - 1))))
            {
                a = Avx2.PermuteVar8x32(Vector256.Load(samples + first), offsets);
                b = Avx2.PermuteVar8x32(Vector256.Load(samples + first + 1), offsets);
            }
            else if (Avx2.IsSupported)
            {
                a = Avx2.GatherVector256(samples, whole, 4);
                b = Avx2.GatherVector256(samples + 1, whole, 4);
            }
            else
            {
                (a, b) = Taps(samples, whole);
            }
        }

        return a + (b - a) * frac;
    }

    // Out of line, so that its stack buffer does not keep the vector read from being inlined.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe (Vector256<float> A, Vector256<float> B) Taps(float* samples, Vector256<int> whole)
    {
        Span<float> pairs = stackalloc float[2 * Step];
        for (var i = 0; i < Step; i++)
        {
            pairs[i] = samples[whole[i]];
            pairs[Step + i] = samples[whole[i] + 1];
        }

        return (Vector256.Create<float>(pairs[..Step]), Vector256.Create<float>(pairs[Step..]));
    }

    private float Read(float position)
    {
        if (position < 0)
        {
            position += size;
        }

        var i = (int)position;
        var frac = position - i;
        i = i >= size ? i - size : i;
        var a = buffer[i];
        return a + (buffer[i + 1] - a) * frac;
    }
}
