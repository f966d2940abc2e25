using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// without any has a minimum of exactly 1). The release runs on the deficit 1 − gain, eight frames per
/// step as a prefix scan, and the moving average as a running sum: the result is that of the
/// frame-by-frame definition up to float rounding (LimiterTests), and exactly 1 where the gain has recovered.
/// </remarks>
public sealed class LookaheadLimiter
{
    private const int InterpolatorDelay = 8;
    private const int Block = 64;

    public const double DefaultReleaseMs = 120.0;

    /// <summary>A release under this deficit (1 − gain) snaps to exactly 1: in float it would otherwise stop one ulp short of it for ever.</summary>
    private const float SnapDeficit = 1e-6f;

    private readonly float ceiling;
    private readonly int lookahead;
    private readonly int delay;
    private readonly int window;
    private readonly float releaseCoef;
    private readonly BlockTruePeak detector = new(Block);
    private readonly float[] peaks = new float[Block];
    private readonly float[] curve = new float[Block];
    private readonly float[] demand = new float[Block];

    /// <summary>The last <see cref="delay"/> frames of gained input, then the current block's: interleaved.</summary>
    private readonly float[] history;
    private readonly float[] minValues;
    private readonly long[] minIndices;

    /// <summary>The last <see cref="lookahead"/> released deficits (1 − gain), then the current block's.</summary>
    private readonly float[] deficits;

    /// <summary>The release coefficient to the powers 1 (lanes 1–7), 2 (lanes 2–7), 4 (lanes 4–7), and 1 to 8 in lanes 0 to 7.</summary>
    private readonly Vector256<float> decayBy1, decayBy2, decayBy4, decayPowers;
    private int minHead, minCount, restRun;
    private long frame;
    private double deficitSum;
    private float deficit;
    private float previousBlockPeak;

    public LookaheadLimiter(int sampleRate, double ceilingDbtp, double lookaheadMs = 2.0, double releaseMs = DefaultReleaseMs)
    {
        ceiling = (float)Math.Pow(10.0, ceilingDbtp / 20.0);
        lookahead = Math.Max(4, (int)(sampleRate * lookaheadMs / 1000.0));
        delay = lookahead + InterpolatorDelay;
        window = lookahead + InterpolatorDelay + 1;
        releaseCoef = (float)Math.Exp(-1.0 / (releaseMs / 1000.0 * sampleRate));
        history = new float[2 * (delay + Block)];
        minValues = new float[window + 1];
        minIndices = new long[window + 1];
        deficits = new float[lookahead + Block];
        restRun = lookahead;
        var k = releaseCoef;
        decayBy1 = Vector256.Create(0f, k, k, k, k, k, k, k);
        decayBy2 = Vector256.Create(0f, 0f, k * k, k * k, k * k, k * k, k * k, k * k);
        var k4 = k * k * (k * k);
        decayBy4 = Vector256.Create(0f, 0f, 0f, 0f, k4, k4, k4, k4);
        var powers = new float[8];
        for (var (i, power) = (0, 1.0); i < powers.Length; i++)
        {
            power *= releaseCoef;
            powers[i] = (float)power;
        }

        decayPowers = Vector256.Create<float>(powers);
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
    private bool AtRest => deficit == 0f && restRun >= lookahead && minCount == 0;

    /// <summary>Takes a block of input (times <paramref name="gain"/>) and replaces it with the block of output.</summary>
    private void Step(Span<float> block, float gain, bool cold)
    {
        var frames = block.Length / 2;
        block.CopyTo(history.AsSpan(2 * delay));
        SampleMath.Scale(history.AsSpan(2 * delay, block.Length), gain);

        detector.Next(block, gain, cold ? [] : peaks, ceiling);
        if (cold && AtRest)
        {
            // Required gains of 1 at rest: the state stays put and the audio is only delayed.
            // The deficits in the window are all 0 and stay so.
            frame += frames;
            restRun += frames;
            history.AsSpan(0, block.Length).CopyTo(block);
        }
        else
        {
            Curve(frames, cold);
            var smooth = curve.AsSpan(0, frames);
            var delayed = history.AsSpan(0, block.Length);
            var n = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Four frames per step: the curve's four gains spread over the interleaved pairs.
                ref var gains = ref MemoryMarshal.GetArrayDataReference(curve);
                ref var source = ref MemoryMarshal.GetReference(delayed);
                ref var target = ref MemoryMarshal.GetReference(block);
                var pairs = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
                for (; n + 4 <= smooth.Length; n += 4)
                {
                    var four = Vector128.LoadUnsafe(ref gains, (nuint)n);
                    var spread = Vector256.Shuffle(Vector256.Create(four, four), pairs);
                    (Vector256.LoadUnsafe(ref source, (nuint)(2 * n)) * spread).StoreUnsafe(ref target, (nuint)(2 * n));
                }
            }

            for (; n < smooth.Length; n++)
            {
                block[2 * n] = delayed[2 * n] * smooth[n];
                block[2 * n + 1] = delayed[2 * n + 1] * smooth[n];
            }
        }

        // What is left in the history is the next block's delayed input.
        history.AsSpan(block.Length, 2 * delay).CopyTo(history);
    }

    /// <summary>The smoothed gain for each frame of the block, from the required gains (all 1 when <paramref name="cold"/>).</summary>
    /// <remarks>
    /// Worked in deficits (1 − gain), stage by stage: the held deficit of each frame (sliding minimum of the
    /// required gains), the release (a running maximum of decaying deficits, vectorised as a prefix scan),
    /// then the moving average. The release is the frame-by-frame one, 1 − (1 − released) × coefficient
    /// snapped to 1 under a millionth, held down by the sliding minimum, up to float rounding.
    /// </remarks>
    private void Curve(int frames, bool cold)
    {
        Hold(frames, cold);
        Release(frames);

        // Moving average of the deficits over the lookahead: a running sum, set back to exactly 0 once the
        // window holds only zeros, so the rounding it gathers cannot keep the gain off 1 for ever. (Within the
        // block where that happens the sum is off 0 by rounding alone, far too little to move a float off 1.)
        var sum = deficitSum;
        var perFrame = 1.0 / lookahead;
        var recent = deficits.AsSpan(0, lookahead + frames);
        var smooth = curve.AsSpan(0, frames);
        for (var n = 0; n < smooth.Length; n++)
        {
            sum += (double)recent[lookahead + n] - recent[n];
            smooth[n] = (float)(1.0 - sum * perFrame);
        }

        var zeros = frames - 1 - recent[lookahead..].LastIndexOfAnyExcept(0f);
        restRun = zeros == frames ? restRun + frames : zeros;
        deficitSum = restRun >= lookahead ? 0.0 : sum;
        Array.Copy(deficits, frames, deficits, 0, lookahead);
    }

    /// <summary>1 − the minimum required gain over the window ending at each frame of the block, into <see cref="demand"/>.</summary>
    private void Hold(int frames, bool cold)
    {
        if (cold && minCount == 0)
        {
            demand.AsSpan(0, frames).Clear();
            frame += frames;
            return;
        }

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

            demand[n] = minCount > 0 ? 1f - minValues[minHead] : 0f;
            frame++;
        }
    }

    /// <summary>
    /// The released deficit of each frame, after the <see cref="lookahead"/> previous ones in
    /// <see cref="deficits"/>: deficit[n] = max(demand[n], deficit[n − 1] × coefficient), a decayed
    /// deficit under a millionth being dropped. Over eight frames at once this is a running maximum of
    /// decayed demands (a prefix scan in three steps) that also decays the previous block's last deficit.
    /// </summary>
    private void Release(int frames)
    {
        var u = deficit;
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var threshold = Vector256.Create(SnapDeficit);
            ref var input = ref MemoryMarshal.GetArrayDataReference(demand);
            ref var output = ref MemoryMarshal.GetArrayDataReference(deficits);
            for (; n + 8 <= frames; n += 8)
            {
                var a = Vector256.LoadUnsafe(ref input, (nuint)n);
                if (u == 0f && a == Vector256<float>.Zero)
                {
                    Vector256<float>.Zero.StoreUnsafe(ref output, (nuint)(lookahead + n));
                    continue;
                }

                var v = Vector256.MaxNative(a, Vector256.Shuffle(a, Vector256.Create(0, 0, 1, 2, 3, 4, 5, 6)) * decayBy1);
                v = Vector256.MaxNative(v, Vector256.Shuffle(v, Vector256.Create(0, 0, 0, 1, 2, 3, 4, 5)) * decayBy2);
                v = Vector256.MaxNative(v, Vector256.Shuffle(v, Vector256.Create(0, 0, 0, 0, 0, 1, 2, 3)) * decayBy4);
                v = Vector256.MaxNative(v, Vector256.Create(u) * decayPowers);
                var released = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(v, threshold), v, a);
                released.StoreUnsafe(ref output, (nuint)(lookahead + n));
                u = released.GetElement(7);
            }
        }

        for (; n < frames; n++)
        {
            var a = demand[n];
            var v = Math.Max(a, u * releaseCoef);
            u = v >= SnapDeficit ? v : a;
            deficits[lookahead + n] = u;
        }

        deficit = u;
    }

    private static int Wrap(int index, int size) => index >= size ? index - size : index;
}
