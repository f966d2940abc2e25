namespace MusicGen.Engine.Effects;

/// <summary>Jezar's Freeverb: eight damped combs and four allpasses per channel, tunings scaled to the sample rate.</summary>
/// <remarks>
/// Block-wise: a comb is longer than the block, so a block only reads what earlier blocks wrote. Each
/// comb's delayed block is copied out, four combs' damping recursions run side by side (four
/// independent chains in flight instead of one), and the new block is copied back.
/// </remarks>
public sealed class Freeverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllpassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;
    private const float FixedGain = 0.015f;

    private readonly float feedback, damp;
    private readonly Line[] combsLeft, combsRight, allpassLeft, allpassRight;
    private readonly int shortestComb;
    private readonly float[][] delayed;
    private float[] input = [], wetLeft = [], wetRight = [];

    /// <param name="roomSize">0…1, longer tails towards 1.</param>
    /// <param name="damping">0…1, darker tails towards 1.</param>
    public Freeverb(float sampleRate, float roomSize, float damping)
    {
        var scale = sampleRate / 44100f;
        feedback = roomSize * 0.28f + 0.7f;
        damp = damping * 0.4f;
        combsLeft = CombTunings.Select(t => new Line((int)(t * scale))).ToArray();
        combsRight = CombTunings.Select(t => new Line((int)((t + StereoSpread) * scale))).ToArray();
        allpassLeft = AllpassTunings.Select(t => new Line((int)(t * scale))).ToArray();
        allpassRight = AllpassTunings.Select(t => new Line((int)((t + StereoSpread) * scale))).ToArray();
        shortestComb = combsLeft.Min(c => c.Buffer.Length);
        delayed = [new float[shortestComb], new float[shortestComb], new float[shortestComb], new float[shortestComb]];
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
        }

        var x = input.AsSpan(0, frames);
        var outL = wetLeft.AsSpan(0, frames);
        var outR = wetRight.AsSpan(0, frames);
        for (var n = 0; n < frames; n++)
        {
            x[n] = (sendLeft[n] + sendRight[n]) * FixedGain;
        }

        outL.Clear();
        outR.Clear();
        for (var start = 0; start < frames; start += shortestComb)
        {
            var count = Math.Min(shortestComb, frames - start);
            for (var i = 0; i < combsLeft.Length; i += 4)
            {
                Combs(combsLeft.AsSpan(i, 4), x.Slice(start, count), outL.Slice(start, count));
                Combs(combsRight.AsSpan(i, 4), x.Slice(start, count), outR.Slice(start, count));
            }
        }

        for (var i = 0; i < allpassLeft.Length; i++)
        {
            Allpass(allpassLeft[i], outL);
            Allpass(allpassRight[i], outR);
        }

        for (var n = 0; n < frames; n++)
        {
            left[n] += outL[n] * 3f;
            right[n] += outR[n] * 3f;
        }
    }

    /// <summary>Four combs over a block no longer than the shortest comb.</summary>
    private void Combs(ReadOnlySpan<Line> combs, ReadOnlySpan<float> x, Span<float> output)
    {
        var frames = x.Length;
        var d0 = delayed[0].AsSpan(0, frames);
        var d1 = delayed[1].AsSpan(0, frames);
        var d2 = delayed[2].AsSpan(0, frames);
        var d3 = delayed[3].AsSpan(0, frames);
        combs[0].Read(d0);
        combs[1].Read(d1);
        combs[2].Read(d2);
        combs[3].Read(d3);
        float s0 = combs[0].Store, s1 = combs[1].Store, s2 = combs[2].Store, s3 = combs[3].Store;
        var keep = 1f - damp;
        for (var n = 0; n < frames; n++)
        {
            float a = d0[n], b = d1[n], c = d2[n], d = d3[n];
            output[n] += a + b + c + d;
            s0 = a * keep + s0 * damp;
            s1 = b * keep + s1 * damp;
            s2 = c * keep + s2 * damp;
            s3 = d * keep + s3 * damp;

            // The delayed values are no longer needed: the same arrays take the values to write back.
            d0[n] = x[n] + s0 * feedback;
            d1[n] = x[n] + s1 * feedback;
            d2[n] = x[n] + s2 * feedback;
            d3[n] = x[n] + s3 * feedback;
        }

        combs[0].Write(d0, s0);
        combs[1].Write(d1, s1);
        combs[2].Write(d2, s2);
        combs[3].Write(d3, s3);
    }

    private static void Allpass(Line allpass, Span<float> signal)
    {
        var buffer = allpass.Buffer;
        var index = allpass.Index;
        for (var n = 0; n < signal.Length; n++)
        {
            var buffered = buffer[index];
            var input = signal[n];
            buffer[index] = input + buffered * 0.5f;
            index = index + 1 == buffer.Length ? 0 : index + 1;
            signal[n] = buffered - input;
        }

        allpass.Index = index;
    }

    /// <summary>A delay line and its state (the comb's one-pole damping memory in <see cref="Store"/>).</summary>
    private sealed class Line(int length)
    {
        public float[] Buffer { get; } = new float[length];

        public int Index { get; set; }

        public float Store { get; private set; }

        /// <summary>Copies the next block's delayed samples (block ≤ length, so none of them is written in this block).</summary>
        public void Read(Span<float> block)
        {
            var first = Math.Min(block.Length, Buffer.Length - Index);
            Buffer.AsSpan(Index, first).CopyTo(block);
            Buffer.AsSpan(0, block.Length - first).CopyTo(block[first..]);
        }

        /// <summary>Writes the block where it was read from and moves on.</summary>
        public void Write(ReadOnlySpan<float> block, float store)
        {
            var first = Math.Min(block.Length, Buffer.Length - Index);
            block[..first].CopyTo(Buffer.AsSpan(Index));
            block[first..].CopyTo(Buffer);
            Index = (Index + block.Length) % Buffer.Length;
            Store = store;
        }
    }
}
