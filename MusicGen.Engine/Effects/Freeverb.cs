using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicGen.Engine.Effects;

/// <summary>Jezar's Freeverb: eight damped combs and four allpasses per channel, tunings scaled to the sample rate.</summary>
/// <remarks>
/// A channel's eight combs run as the eight lanes of one vector. Their delay lines share one ring of
/// eight-float rows: each sample writes one row, and lane k reads the row its comb's length back (a
/// gather), so the eight damping recursions advance together, each with the same operations as alone.
/// The combs' outputs are summed pairwise. An allpass only reads what it wrote at least its length
/// before, so it runs vectorised over stretches no longer than that.
/// </remarks>
public sealed class Freeverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllpassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;
    private const float FixedGain = 0.015f;
    private const int Lanes = 8;

    private readonly float feedback, damp;
    private readonly Combs combsLeft, combsRight;
    private readonly Allpass[] allpassLeft, allpassRight;
    private float[] input = [], wetLeft = [], wetRight = [], delayedLeft = [], delayedRight = [];

    /// <param name="roomSize">0…1, longer tails towards 1.</param>
    /// <param name="damping">0…1, darker tails towards 1.</param>
    public Freeverb(float sampleRate, float roomSize, float damping)
    {
        var scale = sampleRate / 44100f;
        feedback = roomSize * 0.28f + 0.7f;
        damp = damping * 0.4f;
        combsLeft = new Combs(CombTunings.Select(t => (int)(t * scale)).ToArray());
        combsRight = new Combs(CombTunings.Select(t => (int)((t + StereoSpread) * scale)).ToArray());
        allpassLeft = AllpassTunings.Select(t => new Allpass((int)(t * scale))).ToArray();
        allpassRight = AllpassTunings.Select(t => new Allpass((int)((t + StereoSpread) * scale))).ToArray();
    }

    /// <summary>Reads the mono-summed sends and adds the fully wet stereo return into left/right.</summary>
    public void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> left, Span<float> right)
    {
        var frames = left.Length;
        if (input.Length < frames)
        {
            input = new float[frames];
            wetLeft = new float[frames];
            wetRight = new float[frames];
            delayedLeft = new float[Lanes * frames];
            delayedRight = new float[Lanes * frames];
        }

        var x = input.AsSpan(0, frames);
        var outL = wetLeft.AsSpan(0, frames);
        var outR = wetRight.AsSpan(0, frames);
        for (var n = 0; n < frames; n++)
        {
            x[n] = (sendLeft[n] + sendRight[n]) * FixedGain;
        }

        Combs.Process(combsLeft, combsRight, x, outL, outR, delayedLeft, delayedRight, feedback, damp);
        for (var i = 0; i < allpassLeft.Length; i++)
        {
            allpassLeft[i].Process(outL);
            allpassRight[i].Process(outR);
        }

        Mastering.SampleMath.AddScaled(outL, left, 3f);
        Mastering.SampleMath.AddScaled(outR, right, 3f);
    }

    /// <summary>Eight combs of one channel: a ring of rows of eight samples, lane k delayed by its comb's length.</summary>
    private sealed class Combs
    {
        private readonly float[] rows;
        private readonly int mask;
        private Vector256<int> read;
        private int write;
        private Vector256<float> store;

        public Combs(int[] lengths)
        {
            // A power-of-two ring, so a row index wraps with a mask (in the vector of read indices too).
            var size = 1;
            while (size <= lengths.Max())
            {
                size *= 2;
            }

            rows = new float[Lanes * size];
            mask = Lanes * size - 1;
            Span<int> start = stackalloc int[Lanes];
            for (var k = 0; k < Lanes; k++)
            {
                start[k] = (Lanes * (size - lengths[k]) + k) & mask;
            }

            read = Vector256.Create<int>(start);
        }

        /// <summary>
        /// Writes both channels' summed comb outputs into <paramref name="outLeft"/> and <paramref name="outRight"/>;
        /// the two channels' recursions are independent, so they run in one loop to overlap their latencies.
        /// </summary>
        public static unsafe void Process(Combs left, Combs right, ReadOnlySpan<float> x, Span<float> outLeft, Span<float> outRight, float[] delayedLeft, float[] delayedRight, float feedback, float damp)
        {
            var keep = Vector256.Create(1f - damp);
            var dampV = Vector256.Create(damp);
            var feedbackV = Vector256.Create(feedback);
            var step = Vector256.Create(Lanes);
            var (wrapL, wrapR) = (Vector256.Create(left.mask), Vector256.Create(right.mask));
            var (sL, indexL, positionL) = (left.store, left.read, left.write);
            var (sR, indexR, positionR) = (right.store, right.read, right.write);
            fixed (float* ringL = left.rows)
            fixed (float* ringR = right.rows)
            fixed (float* tapsL = delayedLeft)
            fixed (float* tapsR = delayedRight)
            {
                for (var n = 0; n < x.Length; n++)
                {
                    var input = Vector256.Create(x[n]);
                    var dL = Gather(ringL, indexL);
                    var dR = Gather(ringR, indexR);
                    dL.Store(tapsL + Lanes * n);
                    dR.Store(tapsR + Lanes * n);
                    sL = dL * keep + sL * dampV;
                    sR = dR * keep + sR * dampV;
                    (input + sL * feedbackV).Store(ringL + positionL);
                    (input + sR * feedbackV).Store(ringR + positionR);
                    indexL = (indexL + step) & wrapL;
                    indexR = (indexR + step) & wrapR;
                    positionL = (positionL + Lanes) & left.mask;
                    positionR = (positionR + Lanes) & right.mask;
                }
            }

            (left.store, left.read, left.write) = (sL, indexL, positionL);
            (right.store, right.read, right.write) = (sR, indexR, positionR);
            SumLanes(delayedLeft, outLeft);
            SumLanes(delayedRight, outRight);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe Vector256<float> Gather(float* ring, Vector256<int> index) => Avx2.IsSupported
            ? Avx2.GatherVector256(ring, index, 4)
            : Vector256.Create(
                ring[index[0]], ring[index[1]], ring[index[2]], ring[index[3]],
                ring[index[4]], ring[index[5]], ring[index[6]], ring[index[7]]);

        /// <summary>output[n] = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) of row n, the same order on every machine.</summary>
        private static void SumLanes(float[] rows, Span<float> output)
        {
            var n = 0;
            if (Avx.IsSupported)
            {
                var v = rows.AsSpan();
                for (; n + Lanes <= output.Length; n += Lanes)
                {
                    var r = v.Slice(Lanes * n, Lanes * Lanes);
                    var h01 = Avx.HorizontalAdd(Vector256.Create<float>(r[..8]), Vector256.Create<float>(r[8..16]));
                    var h23 = Avx.HorizontalAdd(Vector256.Create<float>(r[16..24]), Vector256.Create<float>(r[24..32]));
                    var h45 = Avx.HorizontalAdd(Vector256.Create<float>(r[32..40]), Vector256.Create<float>(r[40..48]));
                    var h67 = Avx.HorizontalAdd(Vector256.Create<float>(r[48..56]), Vector256.Create<float>(r[56..64]));
                    var low = Avx.HorizontalAdd(h01, h23);
                    var high = Avx.HorizontalAdd(h45, h67);
                    var sum = Avx.Permute2x128(low, high, 0x20) + Avx.Permute2x128(low, high, 0x31);
                    sum.CopyTo(output.Slice(n, Lanes));
                }
            }

            for (; n < output.Length; n++)
            {
                var r = rows.AsSpan(Lanes * n, Lanes);
                output[n] = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            }
        }
    }

    /// <summary>An allpass's delay line and position.</summary>
    private sealed class Allpass(int length)
    {
        private readonly float[] buffer = new float[length];
        private int index;

        public void Process(Span<float> signal)
        {
            var half = Vector256.Create(0.5f);
            while (!signal.IsEmpty)
            {
                // A stretch up to the ring's end reads only samples written a whole length earlier.
                var count = Math.Min(signal.Length, buffer.Length - index);
                var line = buffer.AsSpan(index, count);
                var n = 0;
                for (; n + Lanes <= count; n += Lanes)
                {
                    var buffered = Vector256.Create<float>(line.Slice(n, Lanes));
                    var x = Vector256.Create<float>(signal.Slice(n, Lanes));
                    (x + buffered * half).CopyTo(line.Slice(n, Lanes));
                    (buffered - x).CopyTo(signal.Slice(n, Lanes));
                }

                for (; n < count; n++)
                {
                    var buffered = line[n];
                    var x = signal[n];
                    line[n] = x + buffered * 0.5f;
                    signal[n] = buffered - x;
                }

                index = index + count == buffer.Length ? 0 : index + count;
                signal = signal[count..];
            }
        }
    }
}
