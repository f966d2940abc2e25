using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>
/// Tape wow and flutter: a short delay whose length two slow sines (wow, 0.29 and 0.53 Hz) and a fast one (flutter,
/// 6.3 Hz) swing, so the pitch drifts by a few cents as a worn cassette's does. A delay that changes at D′ samples per
/// second shifts the pitch by the ratio 1 − D′/rate, so a sine of A samples at f Hz bends by A·2πf/rate at its steepest.
/// The delay is a function of the song's frame, not of this instance: every part that carries one wobbles in step,
/// as if the whole mix sat on one tape, and a part's stem still sums with the others to the mix.
/// The delay is evaluated every <see cref="Segment"/> frames and interpolated linearly between (it moves by under a
/// hundredth of a sample per frame); the samples are read eight at a time, linearly interpolated.
/// </summary>
public sealed class TapeWobble
{
    private const int Step = 8;
    private const int Segment = 128;

    // Peak pitch deviation ≈ 1731 cents per unit of relative frequency change (1200 / ln 2).
    private const double CentsPerRatio = 1200 / 0.6931471805599453;

    private static readonly (double Hz, double Share)[] Components = [(0.53, 0.6), (0.29, 0.3), (6.3, 0.12)];

    private readonly float[] buffer;
    private readonly int size;
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

        // Every sample is stored twice, a delay line's length apart, so that eight reads from anywhere in the first
        // copy run on contiguously without wrapping.
        buffer = new float[2 * size];
        this.size = size;
        mask = size - 1;
        silentRun = size;
    }

    /// <summary>True once everything in the delay line is zero: a block of silence in gives silence out.</summary>
    public bool IsSilent => silentRun >= size;

    /// <summary>Delays <paramref name="block"/> in place; <paramref name="frame"/> is the song frame of its first sample.</summary>
    public void Process(Span<float> block, long frame)
    {
        // Segments lie on a grid of song frames, so the delay curve is the same whichever blocks the song comes in.
        for (var start = 0; start < block.Length;)
        {
            var at = frame + start;
            var gridStart = at - (at % Segment);
            var count = (int)Math.Min(gridStart + Segment - at, block.Length - start);
            var from = Delay(gridStart);
            var slope = (Delay(gridStart + Segment) - from) / Segment;
            ProcessSegment(block.Slice(start, count), from + (slope * (at - gridStart)), slope);
            start += count;
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
        ref var samples = ref MemoryMarshal.GetArrayDataReference(buffer);
        ref var io = ref MemoryMarshal.GetReference(block);
        var slopes = VectorSine.Ramp * Vector256.Create(slope);
        var one = Vector256<float>.One;
        var head = (int)(written & mask);
        var n = 0;
        for (; n + Step <= block.Length; n += Step)
        {
            var input = Vector256.LoadUnsafe(ref io, (nuint)n);
            if (head + Step <= size)
            {
                input.StoreUnsafe(ref samples, (nuint)head);
                input.StoreUnsafe(ref samples, (nuint)(head + size));
            }
            else
            {
                for (var j = 0; j < Step; j++)
                {
                    var at = (head + j) & mask;
                    buffer[at] = buffer[at + size] = block[n + j];
                }
            }

            silentRun = input == Vector256<float>.Zero ? silentRun + Step : 0;

            // Lane j reads at head + j − (d + slope·j): from the whole sample `first` + j on, with a fraction that
            // drifts by −slope per lane. The delay moves by far less than a sample over eight lanes, so a lane's
            // fraction leaves [0, 1) by at most one sample, downwards when the delay grows and upwards when it
            // shrinks: three contiguous loads and a choice per lane replace gathers.
            var position = head - (delay + (slope * n));
            if (position < 0)
            {
                position += size;
            }

            var first = float.ConvertToIntegerNative<int>(position);
            var frac = Vector256.Create(position - first) - slopes;
            Vector256<float> a, b;
            if (slope >= 0)
            {
                var below = Vector256.LessThan(frac, Vector256<float>.Zero);
                var previous = Vector256.LoadUnsafe(ref samples, (nuint)(first > 0 ? first - 1 : size - 1));
                var current = Vector256.LoadUnsafe(ref samples, (nuint)first);
                var next = Vector256.LoadUnsafe(ref samples, (nuint)(first + 1));
                a = Vector256.ConditionalSelect(below, previous, current);
                b = Vector256.ConditionalSelect(below, current, next);
                frac += one & below;
            }
            else
            {
                var above = Vector256.GreaterThanOrEqual(frac, one);
                var current = Vector256.LoadUnsafe(ref samples, (nuint)first);
                var next = Vector256.LoadUnsafe(ref samples, (nuint)(first + 1));
                var afterNext = Vector256.LoadUnsafe(ref samples, (nuint)(first + 2));
                a = Vector256.ConditionalSelect(above, next, current);
                b = Vector256.ConditionalSelect(above, afterNext, next);
                frac -= one & above;
            }

            (a + ((b - a) * frac)).StoreUnsafe(ref io, (nuint)n);
            head = (head + Step) & mask;
        }

        written += n;
        for (; n < block.Length; n++)
        {
            head = (int)(written & mask);
            var input = block[n];
            buffer[head] = buffer[head + size] = input;
            written++;
            silentRun = input == 0f ? silentRun + 1 : 0;
            var position = head - (delay + (slope * n));
            if (position < 0)
            {
                position += size;
            }

            var whole = float.ConvertToIntegerNative<int>(position);
            var frac = position - whole;
            var a = buffer[whole];
            block[n] = a + ((buffer[whole + 1] - a) * frac);
        }
    }
}
