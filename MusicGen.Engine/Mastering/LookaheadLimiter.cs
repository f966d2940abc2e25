namespace MusicGen.Engine.Mastering;

/// <summary>
/// Stereo-linked lookahead limiter with true-peak detection. Each frame's required gain
/// (ceiling / 4×-oversampled peak) goes through a sliding minimum, a smooth exponential release and a
/// moving average as long as the lookahead, while the audio is delayed so the gain is already down when
/// the peak arrives: the output's true peak never exceeds the ceiling.
/// </summary>
public sealed class LookaheadLimiter
{
    private const int InterpolatorDelay = 8;

    private readonly float ceiling;
    private readonly int lookahead;
    private readonly int delay;
    private readonly int window;
    private readonly float releaseCoef;
    private readonly TruePeakDetector left = new(), right = new();
    private readonly float[] delayLeft, delayRight;
    private readonly float[] minValues;
    private readonly long[] minIndices;
    private readonly float[] average;
    private int minHead, minCount, delayPosition, averagePosition;
    private long frame;
    private double averageSum;
    private float released = 1f;

    public LookaheadLimiter(int sampleRate, double ceilingDbtp, double lookaheadMs = 2.0, double releaseMs = 120.0)
    {
        ceiling = (float)Math.Pow(10.0, ceilingDbtp / 20.0);
        lookahead = Math.Max(4, (int)(sampleRate * lookaheadMs / 1000.0));
        delay = lookahead + InterpolatorDelay;
        window = lookahead + InterpolatorDelay + 1;
        releaseCoef = (float)Math.Exp(-1.0 / (releaseMs / 1000.0 * sampleRate));
        delayLeft = new float[delay + 1];
        delayRight = new float[delay + 1];
        minValues = new float[window + 1];
        minIndices = new long[window + 1];
        average = new float[lookahead];
        Array.Fill(average, 1f);
        averageSum = lookahead;
    }

    /// <summary>Frames by which the output lags the input.</summary>
    public int Latency => delay;

    /// <summary>
    /// Limits interleaved stereo in place after multiplying by <paramref name="gain"/>. Output lags input
    /// by <see cref="Latency"/> frames: the first call's leading frames are zeros, and <see cref="Flush"/>
    /// returns the tail.
    /// </summary>
    public void Process(Span<float> interleaved, float gain)
    {
        for (var i = 0; i + 1 < interleaved.Length; i += 2)
        {
            (interleaved[i], interleaved[i + 1]) = Step(interleaved[i] * gain, interleaved[i + 1] * gain);
        }
    }

    /// <summary>Pushes silence through the lookahead and writes the last <see cref="Latency"/> frames.</summary>
    public void Flush(Span<float> tail)
    {
        for (var i = 0; i + 1 < tail.Length; i += 2)
        {
            (tail[i], tail[i + 1]) = Step(0f, 0f);
        }
    }

    private (float, float) Step(float l, float r)
    {
        var peak = Math.Max(left.Next(l), right.Next(r));
        var required = peak > ceiling ? ceiling / peak : 1f;

        while (minCount > 0 && minValues[(minHead + minCount - 1) % minValues.Length] >= required)
        {
            minCount--;
        }

        var tail = (minHead + minCount) % minValues.Length;
        minValues[tail] = required;
        minIndices[tail] = frame;
        minCount++;
        while (minIndices[minHead] <= frame - window)
        {
            minHead = (minHead + 1) % minValues.Length;
            minCount--;
        }

        var held = minValues[minHead];
        released = Math.Min(held, 1f - (1f - released) * releaseCoef);
        averageSum += released - average[averagePosition];
        average[averagePosition] = released;
        averagePosition = averagePosition + 1 == lookahead ? 0 : averagePosition + 1;
        var smoothGain = (float)(averageSum / lookahead);

        var outL = delayLeft[delayPosition] * smoothGain;
        var outR = delayRight[delayPosition] * smoothGain;
        delayLeft[delayPosition] = l;
        delayRight[delayPosition] = r;
        delayPosition = delayPosition + 1 == delay ? 0 : delayPosition + 1;
        frame++;
        return (outL, outR);
    }
}
