namespace MusicGen.Engine.Effects;

/// <summary>Jezar's Freeverb: eight damped combs and four allpasses per channel, tunings scaled to the sample rate.</summary>
public sealed class Freeverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllpassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;
    private const float FixedGain = 0.015f;

    private readonly Comb[] combsLeft, combsRight;
    private readonly Allpass[] allpassLeft, allpassRight;

    /// <param name="roomSize">0…1, longer tails towards 1.</param>
    /// <param name="damping">0…1, darker tails towards 1.</param>
    public Freeverb(float sampleRate, float roomSize, float damping)
    {
        var scale = sampleRate / 44100f;
        var feedback = roomSize * 0.28f + 0.7f;
        var damp = damping * 0.4f;
        combsLeft = CombTunings.Select(t => new Comb((int)(t * scale), feedback, damp)).ToArray();
        combsRight = CombTunings.Select(t => new Comb((int)((t + StereoSpread) * scale), feedback, damp)).ToArray();
        allpassLeft = AllpassTunings.Select(t => new Allpass((int)(t * scale))).ToArray();
        allpassRight = AllpassTunings.Select(t => new Allpass((int)((t + StereoSpread) * scale))).ToArray();
    }

    /// <summary>Reads the mono-summed sends and adds the fully wet stereo return into left/right.</summary>
    public void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> left, Span<float> right)
    {
        for (var n = 0; n < left.Length; n++)
        {
            var input = (sendLeft[n] + sendRight[n]) * FixedGain;
            var outL = 0f;
            var outR = 0f;
            for (var i = 0; i < combsLeft.Length; i++)
            {
                outL += combsLeft[i].Process(input);
                outR += combsRight[i].Process(input);
            }

            for (var i = 0; i < allpassLeft.Length; i++)
            {
                outL = allpassLeft[i].Process(outL);
                outR = allpassRight[i].Process(outR);
            }

            left[n] += outL * 3f;
            right[n] += outR * 3f;
        }
    }

    private sealed class Comb(int length, float feedback, float damp)
    {
        private readonly float[] buffer = new float[length];
        private int index;
        private float store;

        public float Process(float input)
        {
            var output = buffer[index];
            store = output * (1f - damp) + store * damp;
            buffer[index] = input + store * feedback;
            if (++index == buffer.Length)
            {
                index = 0;
            }

            return output;
        }
    }

    private sealed class Allpass(int length)
    {
        private readonly float[] buffer = new float[length];
        private int index;

        public float Process(float input)
        {
            var buffered = buffer[index];
            buffer[index] = input + buffered * 0.5f;
            if (++index == buffer.Length)
            {
                index = 0;
            }

            return buffered - input;
        }
    }
}
