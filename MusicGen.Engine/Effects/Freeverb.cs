using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicGen.Engine.Effects;

/// <summary>Jezar's Freeverb: eight damped combs and four allpasses per channel, tunings scaled to the sample rate.</summary>
/// <remarks>
/// Eight samples per step, the whole chain at once, one channel after the other. Every delay line of a channel
/// (eight combs, four allpasses) is a ring of the same power-of-two size written at one shared position; a line of
/// length L reads what was written L samples earlier. Each line is at least eight samples long, so a step's eight
/// reads of a line are one contiguous load (the ring is followed by a copy of its first eight samples, so no load
/// wraps). Transposed, a step's comb reads become one row of eight comb values per sample, and the eight damping
/// recursions advance together as the lanes of one vector, each with the same operations as alone; the values to
/// write are transposed back and stored as one column per comb. The combs' outputs are summed pairwise, column by
/// column, and go straight through the four allpasses into the output.
/// </remarks>
public sealed class Freeverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllpassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;
    private const float FixedGain = 0.015f;
    private const float WetGain = 3f;
    private const int Lanes = 8;
    private const int Allpasses = 4;
    private const int Lines = Lanes + Allpasses;

    private readonly float feedback, damp;
    private readonly Channel leftChannel, rightChannel;

    // Every line's ring has `size` samples plus a copy of its first eight; `stride` apart in a channel's memory.
    private readonly int size, stride;
    private int write;
    private float[] input = [];

    /// <param name="roomSize">0…1, longer tails towards 1.</param>
    /// <param name="damping">0…1, darker tails towards 1.</param>
    public Freeverb(float sampleRate, float roomSize, float damping)
    {
        var scale = sampleRate / 44100f;
        feedback = roomSize * 0.28f + 0.7f;
        damp = Damping(damping * 0.4f, sampleRate);
        int[] left = [.. CombTunings.Select(t => (int)(t * scale)), .. AllpassTunings.Select(t => (int)(t * scale))];
        int[] right = [.. CombTunings.Select(t => (int)((t + StereoSpread) * scale)), .. AllpassTunings.Select(t => (int)((t + StereoSpread) * scale))];
        if (Math.Min(left.Min(), right.Min()) < Lanes)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate is too low for the reverb's shortest delay.");
        }

        // A line of length L reads L back from where the step writes; eight more keep a step's reads and writes apart.
        size = (int)BitOperations.RoundUpToPowerOf2((uint)(Math.Max(left.Max(), right.Max()) + Lanes));
        stride = size + Lanes;
        leftChannel = new Channel(left, stride);
        rightChannel = new Channel(right, stride);
    }

    /// <summary>
    /// The damping filter's coefficient at <paramref name="sampleRate"/> for <paramref name="tuned"/> at 44.1 kHz. The
    /// filter runs once per sample but the tail passes through it once per trip round a comb, as many times a second at
    /// any rate: so its loss at low frequencies (to second order, d·ω² / (1 − d)²) is matched at the new rate, and the
    /// tail keeps its length and darkness.
    /// </summary>
    internal static float Damping(float tuned, float sampleRate)
    {
        if (sampleRate == 44100f || tuned <= 0f)
        {
            return tuned;
        }

        var ratio = sampleRate / 44100.0;
        var a = tuned / ((1.0 - tuned) * (1.0 - tuned)) * ratio * ratio;
        return (float)(((2 * a) + 1 - Math.Sqrt((4 * a) + 1)) / (2 * a));
    }

    /// <summary>Reads the mono-summed sends and adds the fully wet stereo return into left/right.</summary>
    public unsafe void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> left, Span<float> right)
    {
        var frames = left.Length;
        if (sendLeft.Length < frames || sendRight.Length < frames || right.Length < frames)
        {
            throw new ArgumentException("Every span must hold the block's frames.");
        }

        var gain = Vector256.Create(FixedGain);
        var keep = Vector256.Create(1f - damp);
        var dampV = Vector256.Create(damp);
        var feedbackV = Vector256.Create(feedback);
        var mask = size - 1;
        if (input.Length < frames)
        {
            input = new float[frames];
        }

        // Whole steps of eight first, each channel through its chain in one loop; the last few samples one by one.
        var steps = frames / Lanes;
        var n = steps * Lanes;
        fixed (float* sL = sendLeft)
        fixed (float* sR = sendRight)
        fixed (float* x = input)
        fixed (float* outL = left)
        fixed (float* outR = right)
        fixed (float* memoryL = leftChannel.Memory)
        fixed (float* memoryR = rightChannel.Memory)
        fixed (int* delaysL = leftChannel.Delays)
        fixed (int* delaysR = rightChannel.Delays)
        {
            for (var i = 0; i < n; i += Lanes)
            {
                ((Vector256.Load(sL + i) + Vector256.Load(sR + i)) * gain).Store(x + i);
            }

            leftChannel.Run(memoryL, delaysL, write, size, stride, x, outL, steps, keep, dampV, feedbackV);
            rightChannel.Run(memoryR, delaysR, write, size, stride, x, outR, steps, keep, dampV, feedbackV);
            write = (write + n) & mask;
            for (; n < frames; n++)
            {
                var sample = (sL[n] + sR[n]) * FixedGain;
                leftChannel.Sample(memoryL, delaysL, write, mask, stride, sample, ref outL[n], 1f - damp, damp, feedback);
                rightChannel.Sample(memoryR, delaysR, write, mask, stride, sample, ref outR[n], 1f - damp, damp, feedback);
                write = (write + 1) & mask;
            }
        }
    }

    /// <summary>One channel's eight combs and four allpasses: their rings `stride` apart in <see cref="Memory"/>, their lengths in <see cref="Delays"/>.</summary>
    private sealed class Channel(int[] delays, int stride)
    {
        // The combs' damping filters, one lane per comb.
        private Vector256<float> store;

        public float[] Memory { get; } = new float[Lines * stride];

        public int[] Delays { get; } = delays;

        /// <summary>
        /// <paramref name="steps"/> steps of eight samples from ring position <paramref name="write"/>: the combs fed
        /// <paramref name="x"/>, the allpasses, the return added to <paramref name="output"/>.
        /// </summary>
        public unsafe void Run(float* memory, int* delays, int write, int size, int stride, float* x, float* output, int steps, Vector256<float> keep, Vector256<float> damp, Vector256<float> feedback)
        {
            var mask = size - 1;
            var s = store;
            for (var step = 0; step < steps; step++, x += Lanes, output += Lanes)
            {
                var c0 = Vector256.Load(memory + ((write - delays[0]) & mask));
                var c1 = Vector256.Load(memory + stride + ((write - delays[1]) & mask));
                var c2 = Vector256.Load(memory + (2 * stride) + ((write - delays[2]) & mask));
                var c3 = Vector256.Load(memory + (3 * stride) + ((write - delays[3]) & mask));
                var c4 = Vector256.Load(memory + (4 * stride) + ((write - delays[4]) & mask));
                var c5 = Vector256.Load(memory + (5 * stride) + ((write - delays[5]) & mask));
                var c6 = Vector256.Load(memory + (6 * stride) + ((write - delays[6]) & mask));
                var c7 = Vector256.Load(memory + (7 * stride) + ((write - delays[7]) & mask));
                var wet = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7));

                // Rows: r_i holds the eight combs' delayed values at sample i.
                var (r0, r1, r2, r3, r4, r5, r6, r7) = (c0, c1, c2, c3, c4, c5, c6, c7);
                Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

                // The damping recursion is the loop's one chain from sample to sample: a fused multiply-add per sample
                // keeps it short (a multiply and an add would double its latency).
                s = Vector256.FusedMultiplyAdd(s, damp, r0 * keep);
                r0 = Vector256.Create(x[0]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r1 * keep);
                r1 = Vector256.Create(x[1]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r2 * keep);
                r2 = Vector256.Create(x[2]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r3 * keep);
                r3 = Vector256.Create(x[3]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r4 * keep);
                r4 = Vector256.Create(x[4]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r5 * keep);
                r5 = Vector256.Create(x[5]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r6 * keep);
                r6 = Vector256.Create(x[6]) + s * feedback;
                s = Vector256.FusedMultiplyAdd(s, damp, r7 * keep);
                r7 = Vector256.Create(x[7]) + s * feedback;

                // Back to columns, one per comb, each stored where its line is written.
                Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
                r0.Store(memory + write);
                r1.Store(memory + stride + write);
                r2.Store(memory + (2 * stride) + write);
                r3.Store(memory + (3 * stride) + write);
                r4.Store(memory + (4 * stride) + write);
                r5.Store(memory + (5 * stride) + write);
                r6.Store(memory + (6 * stride) + write);
                r7.Store(memory + (7 * stride) + write);

                // Allpass: line = x + buffered / 2, output = buffered − x.
                var half = Vector256.Create(0.5f);
                for (var k = Lanes; k < Lines; k++)
                {
                    var line = memory + (k * stride);
                    var buffered = Vector256.Load(line + ((write - delays[k]) & mask));
                    (wet + buffered * half).Store(line + write);
                    wet = buffered - wet;
                }

                (Vector256.Load(output) + wet * Vector256.Create(WetGain)).Store(output);

                if (write < Lanes || write + Lanes > size)
                {
                    Mirror(memory, write, size, stride);
                }

                write = (write + Lanes) & mask;
            }

            store = s;
        }

        /// <summary>One sample through the same chain, lane by lane with the same operations as <see cref="Step"/>.</summary>
        public unsafe void Sample(float* memory, int* delays, int write, int mask, int stride, float x, ref float output, float keep, float damp, float feedback)
        {
            var s = stackalloc float[Lanes];
            var d = stackalloc float[Lanes];
            store.Store(s);
            for (var k = 0; k < Lanes; k++)
            {
                var line = memory + (k * stride);
                d[k] = line[(write - delays[k]) & mask];
                s[k] = MathF.FusedMultiplyAdd(s[k], damp, d[k] * keep);
                Write(line, write, mask, x + s[k] * feedback);
            }

            store = Vector256.Load(s);
            var wet = ((d[0] + d[1]) + (d[2] + d[3])) + ((d[4] + d[5]) + (d[6] + d[7]));
            for (var k = Lanes; k < Lines; k++)
            {
                var line = memory + (k * stride);
                var buffered = line[(write - delays[k]) & mask];
                Write(line, write, mask, wet + buffered * 0.5f);
                wet = buffered - wet;
            }

            output += wet * WetGain;
        }

        /// <summary>
        /// After a step written at <paramref name="write"/> that touched a ring's first eight samples or ran past its
        /// end: moves what ran past the end to the start, and copies the first eight samples after the end again.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static unsafe void Mirror(float* memory, int write, int size, int stride)
        {
            for (var k = 0; k < Lines; k++)
            {
                var line = memory + (k * stride);
                for (var i = size; i < write + Lanes; i++)
                {
                    line[i - size] = line[i];
                }

                Vector256.Load(line).Store(line + size);
            }
        }

        private static unsafe void Write(float* line, int write, int mask, float value)
        {
            line[write] = value;
            if (write < Lanes)
            {
                line[write + mask + 1] = value;
            }
        }

        /// <summary>The 8×8 transpose of eight vectors, in place: lane j of vector i goes to lane i of vector j.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose(
            ref Vector256<float> v0, ref Vector256<float> v1, ref Vector256<float> v2, ref Vector256<float> v3,
            ref Vector256<float> v4, ref Vector256<float> v5, ref Vector256<float> v6, ref Vector256<float> v7)
        {
            if (Avx.IsSupported)
            {
                var t0 = Avx.UnpackLow(v0, v1);
                var t1 = Avx.UnpackHigh(v0, v1);
                var t2 = Avx.UnpackLow(v2, v3);
                var t3 = Avx.UnpackHigh(v2, v3);
                var t4 = Avx.UnpackLow(v4, v5);
                var t5 = Avx.UnpackHigh(v4, v5);
                var t6 = Avx.UnpackLow(v6, v7);
                var t7 = Avx.UnpackHigh(v6, v7);
                var u0 = Avx.Shuffle(t0, t2, 0x44);
                var u1 = Avx.Shuffle(t0, t2, 0xEE);
                var u2 = Avx.Shuffle(t1, t3, 0x44);
                var u3 = Avx.Shuffle(t1, t3, 0xEE);
                var u4 = Avx.Shuffle(t4, t6, 0x44);
                var u5 = Avx.Shuffle(t4, t6, 0xEE);
                var u6 = Avx.Shuffle(t5, t7, 0x44);
                var u7 = Avx.Shuffle(t5, t7, 0xEE);
                v0 = Avx.Permute2x128(u0, u4, 0x20);
                v1 = Avx.Permute2x128(u1, u5, 0x20);
                v2 = Avx.Permute2x128(u2, u6, 0x20);
                v3 = Avx.Permute2x128(u3, u7, 0x20);
                v4 = Avx.Permute2x128(u0, u4, 0x31);
                v5 = Avx.Permute2x128(u1, u5, 0x31);
                v6 = Avx.Permute2x128(u2, u6, 0x31);
                v7 = Avx.Permute2x128(u3, u7, 0x31);
                return;
            }

            TransposeInMemory(ref v0, ref v1, ref v2, ref v3, ref v4, ref v5, ref v6, ref v7);
        }

        // Out of line, so that its stack buffer does not keep the AVX form from being inlined.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void TransposeInMemory(
            ref Vector256<float> v0, ref Vector256<float> v1, ref Vector256<float> v2, ref Vector256<float> v3,
            ref Vector256<float> v4, ref Vector256<float> v5, ref Vector256<float> v6, ref Vector256<float> v7)
        {
            Span<float> m = stackalloc float[Lanes * Lanes];
            v0.CopyTo(m);
            v1.CopyTo(m[8..]);
            v2.CopyTo(m[16..]);
            v3.CopyTo(m[24..]);
            v4.CopyTo(m[32..]);
            v5.CopyTo(m[40..]);
            v6.CopyTo(m[48..]);
            v7.CopyTo(m[56..]);
            Span<float> t = stackalloc float[Lanes * Lanes];
            for (var i = 0; i < Lanes; i++)
            {
                for (var j = 0; j < Lanes; j++)
                {
                    t[Lanes * j + i] = m[Lanes * i + j];
                }
            }

            (v0, v1, v2, v3) = (Vector256.Create<float>(t), Vector256.Create<float>(t[8..]), Vector256.Create<float>(t[16..]), Vector256.Create<float>(t[24..]));
            (v4, v5, v6, v7) = (Vector256.Create<float>(t[32..]), Vector256.Create<float>(t[40..]), Vector256.Create<float>(t[48..]), Vector256.Create<float>(t[56..]));
        }
    }
}
