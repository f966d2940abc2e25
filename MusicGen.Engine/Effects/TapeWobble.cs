using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>
/// Tape wow and flutter: a short delay whose length two slow sines (wow, 0.29 and 0.53 Hz) and a fast one (flutter,
/// 6.3 Hz) swing, so the pitch drifts by a few cents as a worn cassette's does. A delay that changes at D′ samples per
/// second shifts the pitch by the ratio 1 − D′/rate, so a sine of A samples at f Hz bends by A·2πf/rate at its steepest.
/// The delay is a function of the song's frame, not of this instance: every part that carries one wobbles in step,
/// as if the whole mix sat on one tape, and a part's stem still sums with the others to the mix.
/// The delay is evaluated every <see cref="Segment"/> frames and interpolated linearly between (it moves by under a
/// hundredth of a sample per frame); the samples are read eight at a time with gathered, linearly interpolated taps.
/// </summary>
public sealed class TapeWobble
{
    private const int Step = 8;
    private const int Segment = 32;

    // Peak pitch deviation ≈ 1731 cents per unit of relative frequency change (1200 / ln 2).
    private const double CentsPerRatio = 1200 / 0.6931471805599453;

    private static readonly (double Hz, double Share)[] Components = [(0.53, 0.6), (0.29, 0.3), (6.3, 0.12)];

    private readonly float[] buffer;
    private readonly int mask;
    private readonly double[] increments = new double[Components.Length];
    private readonly double[] phases = new double[Components.Length];
    private readonly float[] amplitudes = new float[Components.Length];
    private readonly float centre;
    private long written;
    private long silentRun;
    private long cachedFrame = -1;
    private float cachedDelay;

    /// <param name="sampleRate">Frames per second.</param>
    /// <param name="cents">Peak pitch deviation of the wow and flutter together.</param>
    /// <param name="seed">Sets the sines' starting phases: the same song wobbles the same way every time.</param>
    public TapeWobble(float sampleRate, float cents, uint seed)
    {
        var noise = new Noise(seed);
        var total = 0f;
        for (var i = 0; i < Components.Length; i++)
        {
            var (hz, share) = Components[i];
            increments[i] = hz / sampleRate;
            phases[i] = noise.NextUnit();
            amplitudes[i] = (float)(cents * share / CentsPerRatio * sampleRate / (2 * Math.PI * hz));
            total += amplitudes[i];
        }

        // Two samples of headroom keep the shortest delay above the eight samples written before they are read.
        centre = total + 2f;
        var size = 16;
        while (size < 2 * centre + 2 * Step + 2)
        {
            size *= 2;
        }

        buffer = new float[size];
        mask = size - 1;
        silentRun = size;
    }

    /// <summary>True once everything in the delay line is zero: a block of silence in gives silence out.</summary>
    public bool IsSilent => silentRun >= buffer.Length;

    /// <summary>Delays <paramref name="block"/> in place; <paramref name="frame"/> is the song frame of its first sample.</summary>
    public void Process(Span<float> block, long frame)
    {
        for (var start = 0; start < block.Length; start += Segment)
        {
            var count = Math.Min(Segment, block.Length - start);
            var from = Delay(frame + start);
            var to = Delay(frame + start + count);
            ProcessSegment(block.Slice(start, count), from, (to - from) / count);
        }
    }

    /// <summary>The delay in samples at a song frame: a pure function of the frame (the last one is cached).</summary>
    private float Delay(long frame)
    {
        if (frame == cachedFrame)
        {
            return cachedDelay;
        }

        var delay = centre;
        for (var i = 0; i < Components.Length; i++)
        {
            var phase = phases[i] + frame * increments[i];
            delay += amplitudes[i] * SineTable.Sin((float)(phase - Math.Floor(phase)));
        }

        cachedFrame = frame;
        cachedDelay = delay;
        return delay;
    }

    private void ProcessSegment(Span<float> block, float delay, float slope)
    {
        var n = 0;
        var size = Vector256.Create((float)buffer.Length);
        Span<float> taps = stackalloc float[Step];
        for (; n + Step <= block.Length; n += Step)
        {
            var input = Vector256.Create<float>(block.Slice(n, Step));
            var head = (int)(written & mask);
            if (head + Step <= buffer.Length)
            {
                input.CopyTo(buffer.AsSpan(head, Step));
            }
            else
            {
                for (var j = 0; j < Step; j++)
                {
                    buffer[(head + j) & mask] = block[n + j];
                }
            }

            written += Step;
            silentRun = input == Vector256<float>.Zero ? silentRun + Step : 0;
            var delays = Vector256.Create(delay + slope * n) + VectorSine.Ramp * Vector256.Create(slope);
            var positions = Vector256.Create((float)head) + VectorSine.Ramp - delays;
            positions = Vector256.ConditionalSelect(Vector256.LessThan(positions, Vector256<float>.Zero), positions + size, positions);
            Read(positions, taps);
            taps.CopyTo(block.Slice(n, Step));
        }

        for (; n < block.Length; n++)
        {
            var head = (int)(written & mask);
            var input = block[n];
            buffer[head] = input;
            written++;
            silentRun = input == 0f ? silentRun + 1 : 0;
            var position = head - (delay + slope * n);
            if (position < 0)
            {
                position += buffer.Length;
            }

            var whole = (int)position;
            var frac = position - whole;
            var a = buffer[whole & mask];
            block[n] = a + (buffer[(whole + 1) & mask] - a) * frac;
        }
    }

    /// <summary>Eight linearly interpolated reads at non-negative fractional positions (wrapped by the mask).</summary>
    private unsafe void Read(Vector256<float> position, Span<float> taps)
    {
        var whole = Vector256.ConvertToInt32(position);
        var frac = position - Vector256.ConvertToSingle(whole);
        var masks = Vector256.Create(mask);
        var first = whole & masks;
        var second = (whole + Vector256<int>.One) & masks;
        Vector256<float> a, b;
        fixed (float* samples = buffer)
        {
            if (Avx2.IsSupported)
            {
                // Gathers load exactly the elements the scalar loop below would: the same bits on every machine.
                a = Avx2.GatherVector256(samples, first, 4);
                b = Avx2.GatherVector256(samples, second, 4);
            }
            else
            {
                Span<float> pairs = stackalloc float[2 * Step];
                for (var i = 0; i < Step; i++)
                {
                    pairs[i] = samples[first[i]];
                    pairs[Step + i] = samples[second[i]];
                }

                a = Vector256.Create<float>(pairs[..Step]);
                b = Vector256.Create<float>(pairs[Step..]);
            }
        }

        (a + (b - a) * frac).CopyTo(taps);
    }
}
