using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Effects;

/// <summary>
/// Plain sample-by-sample forms of the bus effects, written the way the algorithms read on paper (and the chorus
/// eight samples per step, as it is, but reading each tap element by element), to check the vectorised ones against: the same operations in the same
/// order per sample, so the same bits.
/// </summary>
public static class SampleBySample
{
    /// <summary>Freeverb as Jezar wrote it: eight combs and four allpasses per channel, each its own ring.</summary>
    public sealed class Freeverb
    {
        private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
        private static readonly int[] AllpassTunings = [556, 441, 341, 225];
        private readonly float feedback, damp;
        private readonly Line[] combsLeft, combsRight, allpassLeft, allpassRight;
        private readonly float[] storeLeft = new float[8], storeRight = new float[8];

        public Freeverb(float sampleRate, float roomSize, float damping)
        {
            var scale = sampleRate / 44100f;
            feedback = roomSize * 0.28f + 0.7f;
            damp = Engine.Effects.Freeverb.Damping(damping * 0.4f, sampleRate);
            combsLeft = CombTunings.Select(t => new Line((int)(t * scale))).ToArray();
            combsRight = CombTunings.Select(t => new Line((int)((t + 23) * scale))).ToArray();
            allpassLeft = AllpassTunings.Select(t => new Line((int)(t * scale))).ToArray();
            allpassRight = AllpassTunings.Select(t => new Line((int)((t + 23) * scale))).ToArray();
        }

        public void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> left, Span<float> right)
        {
            for (var n = 0; n < left.Length; n++)
            {
                var x = (sendLeft[n] + sendRight[n]) * 0.015f;
                left[n] += Channel(x, combsLeft, storeLeft, allpassLeft) * 3f;
                right[n] += Channel(x, combsRight, storeRight, allpassRight) * 3f;
            }
        }

        private float Channel(float x, Line[] combs, float[] store, Line[] allpasses)
        {
            var d = new float[8];
            for (var k = 0; k < 8; k++)
            {
                d[k] = combs[k].Read();
                store[k] = MathF.FusedMultiplyAdd(store[k], damp, d[k] * (1f - damp));
                combs[k].Write(x + store[k] * feedback);
            }

            var wet = ((d[0] + d[1]) + (d[2] + d[3])) + ((d[4] + d[5]) + (d[6] + d[7]));
            foreach (var allpass in allpasses)
            {
                var buffered = allpass.Read();
                allpass.Write(wet + buffered * 0.5f);
                wet = buffered - wet;
            }

            return wet;
        }
    }

    /// <summary>The ping-pong delay: one loop, one sample at a time.</summary>
    public sealed class StereoDelay(float sampleRate, double delaySeconds, float feedback)
    {
        private readonly float[] left = new float[Math.Max(1, (int)(delaySeconds * sampleRate))];
        private readonly float[] right = new float[Math.Max(1, (int)(delaySeconds * sampleRate))];
        private int index;
        private float toneLeft, toneRight;

        public void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> outLeft, Span<float> outRight)
        {
            for (var n = 0; n < outLeft.Length; n++)
            {
                var delayedL = left[index];
                var delayedR = right[index];
                toneLeft += 0.35f * (delayedL - toneLeft);
                toneRight += 0.35f * (delayedR - toneRight);
                left[index] = (sendLeft[n] + sendRight[n]) * 0.5f + toneRight * feedback;
                right[index] = toneLeft * feedback;
                index = index + 1 == left.Length ? 0 : index + 1;
                outLeft[n] += delayedL;
                outRight[n] += delayedR;
            }
        }
    }

    /// <summary>The kick ducker's gain, frame by frame, every value computed afresh.</summary>
    public sealed class SidechainDucker(float sampleRate, IReadOnlyList<long> kickFrames, float depthDb = 5f, float releaseMs = 130f)
    {
        private readonly float depth = 1f - MathF.Pow(10f, -depthDb / 20f);
        private readonly float tau = releaseMs * 0.001f * sampleRate;
        private readonly float attackFrames = 0.004f * sampleRate;
        private readonly int tableFrames = (int)(4f * sampleRate);
        private int next;
        private long lastKick = long.MinValue / 2;

        public void Fill(long start, Span<float> gains)
        {
            for (var n = 0; n < gains.Length; n++)
            {
                var frame = start + n;
                while (next < kickFrames.Count && kickFrames[next] <= frame + (long)attackFrames)
                {
                    lastKick = kickFrames[next++];
                }

                var since = frame - lastKick;
                var duck = since < 0 ? depth * (1f + since / attackFrames)
                    : since < tableFrames ? depth * MathF.Exp(-(long)(int)since / tau)
                    : depth * MathF.Exp(-since / tau);
                gains[n] = 1f - Math.Max(0f, duck);
            }
        }
    }

    /// <summary>The chorus reading each tap pair element by element (the same elements, so the same bits, as any faster load).</summary>
    public sealed class Chorus(float sampleRate, float rateHz = 0.6f, float depthMs = 3f, float mix = 0.5f)
    {
        private const int Step = 8;

        // One sample more than the delay line: a copy of sample 0, so the interpolation's second read never wraps.
        private readonly float[] buffer = new float[(int)(sampleRate * 0.04f) + 4 + 1];
        private readonly int size = (int)(sampleRate * 0.04f) + 4;
        private readonly float centre = sampleRate * 0.012f;
        private readonly float depth = sampleRate * depthMs / 1000f;
        private readonly float increment = rateHz / sampleRate;

        // cos and sin of the LFO's advance over 0…7 samples: a step's eight LFO values are the rotations of its first.
        private readonly Vector256<float> cosSteps = Steps(rateHz / sampleRate, Math.Cos);
        private readonly Vector256<float> sinSteps = Steps(rateHz / sampleRate, Math.Sin);
        private int write;
        private float lfo;

        /// <summary>Mono in (the part's dry signal in <paramref name="left"/>), stereo out (written to both spans).</summary>
        public void Process(Span<float> left, Span<float> right)
        {
            var n = 0;
            var dry = Vector256.Create(1f - mix * 0.5f);
            var wet = Vector256.Create(mix);
            var sizes = Vector256.Create((float)size);
            var centres = Vector256.Create(centre);
            var depths = Vector256.Create(depth);
            Span<float> tapL = stackalloc float[Step];
            Span<float> tapR = stackalloc float[Step];
            for (; n + Step <= left.Length; n += Step)
            {
                var first = write;
                if (first > 0 && first + Step < size)
                {
                    // Neither the wrap nor the copy of sample 0 falls in these eight.
                    left.Slice(n, Step).CopyTo(buffer.AsSpan(first, Step));
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
                Read(positions - depths * (sine * cosSteps + cosine * sinSteps), sizes, tapL);
                Read(positions - depths * (cosine * cosSteps - sine * sinSteps), sizes, tapR);
                var input = Vector256.Create<float>(left.Slice(n, Step));
                (input * dry + Vector256.Create<float>(tapL) * wet).CopyTo(left.Slice(n, Step));
                (input * dry + Vector256.Create<float>(tapR) * wet).CopyTo(right.Slice(n, Step));
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
                left[n] = input * (1f - mix * 0.5f) + l * mix;
                right[n] = input * (1f - mix * 0.5f) + r * mix;
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
        private void Read(Vector256<float> position, Vector256<float> sizes, Span<float> taps)
        {
            position = Vector256.ConditionalSelect(Vector256.LessThan(position, Vector256<float>.Zero), position + sizes, position);
            var whole = Vector256.ConvertToInt32(position);
            var frac = position - Vector256.ConvertToSingle(whole);
            var lastIndex = Vector256.Create(size);
            whole = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(whole, lastIndex), whole - lastIndex, whole);
            Span<float> pairs = stackalloc float[2 * Step];
            for (var i = 0; i < Step; i++)
            {
                pairs[i] = buffer[whole[i]];
                pairs[Step + i] = buffer[whole[i] + 1];
            }

            var a = Vector256.Create<float>(pairs[..Step]);
            var b = Vector256.Create<float>(pairs[Step..]);
            (a + (b - a) * frac).CopyTo(taps);
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

    /// <summary>A delay line: <see cref="Read"/> gives what was written its length ago, <see cref="Write"/> replaces it and moves on.</summary>
    private sealed class Line(int length)
    {
        private readonly float[] buffer = new float[length];
        private int index;

        public float Read() => buffer[index];

        public void Write(float value)
        {
            buffer[index] = value;
            index = index + 1 == buffer.Length ? 0 : index + 1;
        }
    }
}
