namespace MusicGen.Engine.Mastering;

/// <summary>
/// Stereo-linked lookahead limiter with true-peak detection. Each frame's required gain
/// (ceiling / 4×-oversampled peak) goes through a sliding minimum, a smooth exponential release and a
/// moving average as long as the lookahead, while the audio is delayed so the gain is already down when
/// the peak arrives: the output's true peak never exceeds the ceiling.
/// </summary>
/// <remarks>
/// Most of a mastered song sits well below the ceiling, so the work is done in short blocks: when a
/// block's sample peak times <see cref="TruePeakDetector.InterpolationBound"/> cannot reach the
/// ceiling, no interpolated point can either, the required gain is exactly 1 and the FIR is skipped;
/// when in addition the gain has fully recovered, the block is only delayed. Both shortcuts give the
/// same numbers as the frame-by-frame path.
/// </remarks>
public sealed class LookaheadLimiter
{
    private const int InterpolatorDelay = 8;
    private const int Block = 64;

    private readonly float ceiling;
    private readonly int lookahead;
    private readonly int delay;
    private readonly int window;
    private readonly float releaseCoef;
    private readonly BlockTruePeak detector = new(Block);
    private readonly float[] peaks = new float[Block];
    private readonly float[] delayLeft, delayRight;
    private readonly float[] minValues;
    private readonly long[] minIndices;
    private readonly float[] average;
    private int minHead, minCount, delayPosition, averagePosition, onesRun;
    private long frame;
    private double averageSum;
    private float released = 1f;
    private float previousBlockPeak;

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
        onesRun = lookahead;
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
        var frames = interleaved.Length / 2;
        for (var start = 0; start < frames; start += Block)
        {
            var block = interleaved.Slice(2 * start, 2 * Math.Min(Block, frames - start));
            var blockPeak = SampleMath.MaxAbs(block) * gain;
            var cold = Math.Max(blockPeak, previousBlockPeak) * TruePeakDetector.InterpolationBound <= ceiling;
            previousBlockPeak = blockPeak;
            detector.Next(block, gain, cold ? [] : peaks);
            if (!cold)
            {
                for (var i = 0; i + 1 < block.Length; i += 2)
                {
                    var peak = peaks[i / 2];
                    (block[i], block[i + 1]) = Advance(block[i] * gain, block[i + 1] * gain, peak > ceiling ? ceiling / peak : 1f);
                }
            }
            else if (AtRest)
            {
                DelayOnly(block, gain);
            }
            else
            {
                for (var i = 0; i + 1 < block.Length; i += 2)
                {
                    (block[i], block[i + 1]) = Advance(block[i] * gain, block[i + 1] * gain, 1f);
                }
            }
        }
    }

    /// <summary>Pushes silence through the lookahead and writes the last <see cref="Latency"/> frames.</summary>
    public void Flush(Span<float> tail)
    {
        Span<float> silence = stackalloc float[2 * Block];
        for (var start = 0; start < tail.Length / 2; start += Block)
        {
            var block = tail.Slice(2 * start, 2 * Math.Min(Block, tail.Length / 2 - start));
            detector.Next(silence[..block.Length], 1f, peaks);
            for (var i = 0; i + 1 < block.Length; i += 2)
            {
                var peak = peaks[i / 2];
                (block[i], block[i + 1]) = Advance(0f, 0f, peak > ceiling ? ceiling / peak : 1f);
            }
        }

        previousBlockPeak = 0f;
    }

    /// <summary>The gain has recovered to exactly 1 and nothing in the window asks for less.</summary>
    private bool AtRest => released == 1f && onesRun >= lookahead && minCount == 1 && minValues[minHead] == 1f;

    /// <summary>What <see cref="Advance"/> does for a block of required gains of 1 at rest: state stays put, audio is only delayed.</summary>
    private void DelayOnly(Span<float> block, float gain)
    {
        for (var i = 0; i + 1 < block.Length; i += 2)
        {
            var l = block[i] * gain;
            var r = block[i + 1] * gain;
            block[i] = delayLeft[delayPosition];
            block[i + 1] = delayRight[delayPosition];
            delayLeft[delayPosition] = l;
            delayRight[delayPosition] = r;
            delayPosition = delayPosition + 1 == delay ? 0 : delayPosition + 1;
            averagePosition = averagePosition + 1 == lookahead ? 0 : averagePosition + 1;
            frame++;
        }

        minIndices[minHead] = frame - 1;
        onesRun += block.Length / 2;
    }

    private (float, float) Advance(float l, float r, float required)
    {
        // Monotonic deque of (required, frame) for the sliding minimum; ring indices wrap without division.
        var size = minValues.Length;
        while (minCount > 0 && minValues[Wrap(minHead + minCount - 1, size)] >= required)
        {
            minCount--;
        }

        var tail = Wrap(minHead + minCount, size);
        minValues[tail] = required;
        minIndices[tail] = frame;
        minCount++;
        while (minIndices[minHead] <= frame - window)
        {
            minHead = minHead + 1 == size ? 0 : minHead + 1;
            minCount--;
        }

        var held = minValues[minHead];
        // Snap the last millionth of recovery to exactly 1: in float the release would otherwise stop one ulp short of it for ever.
        var recovering = (1f - released) * releaseCoef;
        released = Math.Min(held, recovering < 1e-6f ? 1f : 1f - recovering);
        averageSum += released - average[averagePosition];
        average[averagePosition] = released;
        averagePosition = averagePosition + 1 == lookahead ? 0 : averagePosition + 1;
        onesRun = released == 1f ? onesRun + 1 : 0;
        if (onesRun >= lookahead)
        {
            // The window holds only ones: drop the rounding the running sum has gathered, so that it is exactly 1 again.
            averageSum = lookahead;
        }

        var smoothGain = (float)(averageSum / lookahead);

        var outL = delayLeft[delayPosition] * smoothGain;
        var outR = delayRight[delayPosition] * smoothGain;
        delayLeft[delayPosition] = l;
        delayRight[delayPosition] = r;
        delayPosition = delayPosition + 1 == delay ? 0 : delayPosition + 1;
        frame++;
        return (outL, outR);
    }

    private static int Wrap(int index, int size) => index >= size ? index - size : index;
}
