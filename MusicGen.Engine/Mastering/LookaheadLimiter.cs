namespace MusicGen.Engine.Mastering;

/// <summary>
/// Stereo-linked lookahead limiter with true-peak detection. Each frame's required gain
/// (ceiling / 4×-oversampled peak) goes through a sliding minimum, a smooth exponential release and a
/// moving average as long as the lookahead, while the audio is delayed so the gain is already down when
/// the peak arrives: the output's true peak never exceeds the ceiling.
/// </summary>
/// <remarks>
/// The work is done in short blocks, stage by stage: required gains, then the gain curve (the only
/// frame-by-frame recursion), then the delayed audio times the curve. When a block's sample peak times
/// <see cref="TruePeakDetector.InterpolationBound"/> cannot reach the ceiling, no interpolated point can
/// either, the required gain is exactly 1 and the FIR is skipped; when in addition the gain has fully
/// recovered, the block is only delayed. The sliding minimum keeps only required gains under 1 (a window
/// without any has a minimum of exactly 1). None of this changes a number: the result is that of the
/// frame-by-frame definition.
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
    private readonly float[] curve = new float[Block];

    /// <summary>The last <see cref="delay"/> frames of gained input, then the current block's: interleaved.</summary>
    private readonly float[] history;
    private readonly float[] minValues;
    private readonly long[] minIndices;
    private readonly float[] average;
    private int minHead, minCount, averagePosition, onesRun;
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
        history = new float[2 * (delay + Block)];
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
            Step(block, gain, cold);
        }
    }

    /// <summary>Pushes silence through the lookahead and writes the last <see cref="Latency"/> frames.</summary>
    public void Flush(Span<float> tail)
    {
        for (var start = 0; start < tail.Length / 2; start += Block)
        {
            var block = tail.Slice(2 * start, 2 * Math.Min(Block, tail.Length / 2 - start));
            block.Clear();
            Step(block, 1f, cold: false);
        }

        previousBlockPeak = 0f;
    }

    /// <summary>The gain has recovered to exactly 1 and nothing in the window asks for less.</summary>
    private bool AtRest => released == 1f && onesRun >= lookahead && minCount == 0;

    /// <summary>Takes a block of input (times <paramref name="gain"/>) and replaces it with the block of output.</summary>
    private void Step(Span<float> block, float gain, bool cold)
    {
        var frames = block.Length / 2;
        var input = history.AsSpan(2 * delay, block.Length);
        for (var i = 0; i < block.Length; i++)
        {
            input[i] = block[i] * gain;
        }

        detector.Next(block, gain, cold ? [] : peaks);
        if (cold && AtRest)
        {
            // Required gains of 1 at rest: the state stays put and the audio is only delayed.
            averagePosition = (int)((averagePosition + (long)frames) % lookahead);
            frame += frames;
            onesRun += frames;
            history.AsSpan(0, block.Length).CopyTo(block);
        }
        else
        {
            Curve(frames, cold);
            var smooth = curve.AsSpan(0, frames);
            var delayed = history.AsSpan(0, block.Length);
            for (var n = 0; n < smooth.Length; n++)
            {
                block[2 * n] = delayed[2 * n] * smooth[n];
                block[2 * n + 1] = delayed[2 * n + 1] * smooth[n];
            }
        }

        // What is left in the history is the next block's delayed input.
        history.AsSpan(block.Length, 2 * delay).CopyTo(history);
    }

    /// <summary>The smoothed gain for each frame of the block, from the required gains (all 1 when <paramref name="cold"/>).</summary>
    private void Curve(int frames, bool cold)
    {
        var size = minValues.Length;
        for (var n = 0; n < frames; n++)
        {
            // Monotonic deque of (required, frame) under 1 for the sliding minimum; ring indices wrap without division.
            if (!cold)
            {
                var peak = peaks[n];
                if (peak > ceiling)
                {
                    var required = ceiling / peak;
                    while (minCount > 0 && minValues[Wrap(minHead + minCount - 1, size)] >= required)
                    {
                        minCount--;
                    }

                    var tail = Wrap(minHead + minCount, size);
                    minValues[tail] = required;
                    minIndices[tail] = frame;
                    minCount++;
                }
            }

            while (minCount > 0 && minIndices[minHead] <= frame - window)
            {
                minHead = minHead + 1 == size ? 0 : minHead + 1;
                minCount--;
            }

            var held = minCount > 0 ? minValues[minHead] : 1f;

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

            curve[n] = (float)(averageSum / lookahead);
            frame++;
        }
    }

    private static int Wrap(int index, int size) => index >= size ? index - size : index;
}
