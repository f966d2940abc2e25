namespace MusicGen.Engine.Tests.Effects;

/// <summary>
/// Plain sample-by-sample forms of the bus effects, written the way the algorithms read on paper, to check the
/// vectorised ones against: the same operations in the same order per sample, so the same bits.
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
            damp = damping * 0.4f;
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
                store[k] = d[k] * (1f - damp) + store[k] * damp;
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
