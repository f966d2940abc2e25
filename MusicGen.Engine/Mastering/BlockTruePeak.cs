using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The <see cref="TruePeakDetector"/> FIR for stereo blocks, vectorised across frames: for every frame,
/// the largest magnitude among both channels' samples and their interpolated points. Same taps, same
/// summation order and the same fused multiply-adds, so the same numbers as <see cref="TruePeakDetector.Next"/>.
/// </summary>
internal sealed class BlockTruePeak
{
    private const int History = TruePeakDetector.Taps - 1;
    private const int Lanes = 8;

    /// <summary>Each tap of the four phases, broadcast: tap j of phase p at 4j + p.</summary>
    private static readonly Vector256<float>[] Taps = [.. Enumerable.Range(0, TruePeakDetector.Taps).SelectMany(j => new[]
    {
        Vector256.Create(TruePeakDetector.Phase0[j]), Vector256.Create(TruePeakDetector.Phase1[j]),
        Vector256.Create(TruePeakDetector.Phase2[j]), Vector256.Create(TruePeakDetector.Phase3[j]),
    })];

    private readonly int maxFrames;
    private readonly float[] left, right;

    public BlockTruePeak(int maxFrames)
    {
        this.maxFrames = maxFrames;
        left = new float[History + maxFrames + Lanes];
        right = new float[History + maxFrames + Lanes];
    }

    /// <summary>
    /// Takes the next block (<paramref name="interleaved"/> × <paramref name="gain"/>) into the history
    /// and, when <paramref name="peaks"/> is not empty, writes each frame's true peak into it.
    /// </summary>
    /// <param name="threshold">
    /// Only peaks above this matter to the caller: where no interpolated point can reach it, a frame gets its plain
    /// sample peak instead (which is under it too), and the FIR does not run there.
    /// </param>
    public void Next(ReadOnlySpan<float> interleaved, float gain, Span<float> peaks, float threshold = 0f)
    {
        var frames = interleaved.Length / 2;
        if (frames > maxFrames)
        {
            throw new ArgumentException($"At most {maxFrames} frames per block.", nameof(interleaved));
        }

        if (peaks.IsEmpty && frames >= History)
        {
            // Nothing to interpolate: only the block's last samples are kept, as the next block's history.
            for (var n = 0; n < History; n++)
            {
                left[n] = interleaved[2 * (frames - History + n)] * gain;
                right[n] = interleaved[2 * (frames - History + n) + 1] * gain;
            }

            return;
        }

        for (var n = 0; n < frames; n++)
        {
            left[History + n] = interleaved[2 * n] * gain;
            right[History + n] = interleaved[2 * n + 1] * gain;
        }

        if (!peaks.IsEmpty)
        {
            Interpolate(left, right, frames, peaks, threshold);
        }

        // Keep the last samples as the next block's history.
        Array.Copy(left, frames, left, 0, History);
        Array.Copy(right, frames, right, 0, History);
    }

    /// <summary>
    /// Both channels in one loop: each tap vector is loaded once for the two, and the eight running sums are
    /// independent chains of fused multiply-adds, so the FIR runs at the multipliers' pace rather than
    /// waiting on one sum's latency.
    /// </summary>
    /// <remarks>
    /// Eight frames' interpolated points depend on the 19 samples from eleven before the first to the last, and none
    /// exceeds their largest magnitude times <see cref="TruePeakDetector.InterpolationBound"/>. Where that stays under
    /// <paramref name="threshold"/> the FIR is skipped: a mastered song's peaks near the ceiling come in short runs,
    /// and everywhere else (most of the song) the check costs a few compares instead of 96 multiply-adds per channel.
    /// </remarks>
    private static void Interpolate(float[] left, float[] right, int frames, Span<float> peaks, float threshold)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var reach = Vector256.Create(threshold / TruePeakDetector.InterpolationBound);
            ref var leftSamples = ref MemoryMarshal.GetArrayDataReference(left);
            ref var rightSamples = ref MemoryMarshal.GetArrayDataReference(right);
            ref var taps = ref MemoryMarshal.GetArrayDataReference(Taps);
            ref var output = ref MemoryMarshal.GetReference(peaks);
            for (; n + Lanes <= frames; n += Lanes)
            {
                var samplePeak = Vector256.MaxNative(
                    Vector256.Abs(Vector256.LoadUnsafe(ref leftSamples, (nuint)(History + n))),
                    Vector256.Abs(Vector256.LoadUnsafe(ref rightSamples, (nuint)(History + n))));
                var earlier = Vector256.MaxNative(
                    Vector256.MaxNative(Vector256.Abs(Vector256.LoadUnsafe(ref leftSamples, (nuint)n)), Vector256.Abs(Vector256.LoadUnsafe(ref leftSamples, (nuint)(n + Lanes)))),
                    Vector256.MaxNative(Vector256.Abs(Vector256.LoadUnsafe(ref rightSamples, (nuint)n)), Vector256.Abs(Vector256.LoadUnsafe(ref rightSamples, (nuint)(n + Lanes)))));
                if (!Vector256.GreaterThanAny(Vector256.MaxNative(samplePeak, earlier), reach))
                {
                    samplePeak.StoreUnsafe(ref output, (nuint)n);
                    continue;
                }

                Vector256<float> l0 = default, l1 = default, l2 = default, l3 = default;
                Vector256<float> r0 = default, r1 = default, r2 = default, r3 = default;
                for (var j = 0; j < TruePeakDetector.Taps; j++)
                {
                    // Frame n's sample sits at History + n; tap j reaches j samples back.
                    var l = Vector256.LoadUnsafe(ref leftSamples, (nuint)(History + n - j));
                    var r = Vector256.LoadUnsafe(ref rightSamples, (nuint)(History + n - j));
                    var t0 = Unsafe.Add(ref taps, 4 * j);
                    var t1 = Unsafe.Add(ref taps, 4 * j + 1);
                    var t2 = Unsafe.Add(ref taps, 4 * j + 2);
                    var t3 = Unsafe.Add(ref taps, 4 * j + 3);
                    l0 = Vector256.FusedMultiplyAdd(t0, l, l0);
                    r0 = Vector256.FusedMultiplyAdd(t0, r, r0);
                    l1 = Vector256.FusedMultiplyAdd(t1, l, l1);
                    r1 = Vector256.FusedMultiplyAdd(t1, r, r1);
                    l2 = Vector256.FusedMultiplyAdd(t2, l, l2);
                    r2 = Vector256.FusedMultiplyAdd(t2, r, r2);
                    l3 = Vector256.FusedMultiplyAdd(t3, l, l3);
                    r3 = Vector256.FusedMultiplyAdd(t3, r, r3);
                }

                var leftPeak = Vector256.MaxNative(Vector256.MaxNative(Vector256.Abs(l0), Vector256.Abs(l1)), Vector256.MaxNative(Vector256.Abs(l2), Vector256.Abs(l3)));
                var rightPeak = Vector256.MaxNative(Vector256.MaxNative(Vector256.Abs(r0), Vector256.Abs(r1)), Vector256.MaxNative(Vector256.Abs(r2), Vector256.Abs(r3)));
                Vector256.MaxNative(Vector256.MaxNative(leftPeak, rightPeak), samplePeak).StoreUnsafe(ref output, (nuint)n);
            }
        }

        for (; n < frames; n++)
        {
            peaks[n] = Math.Max(Peak(left, n), Peak(right, n));
        }
    }

    private static float Peak(float[] x, int n)
    {
        float p0 = 0, p1 = 0, p2 = 0, p3 = 0;
        for (var j = 0; j < TruePeakDetector.Taps; j++)
        {
            var s = x[History + n - j];
            p0 = MathF.FusedMultiplyAdd(TruePeakDetector.Phase0[j], s, p0);
            p1 = MathF.FusedMultiplyAdd(TruePeakDetector.Phase1[j], s, p1);
            p2 = MathF.FusedMultiplyAdd(TruePeakDetector.Phase2[j], s, p2);
            p3 = MathF.FusedMultiplyAdd(TruePeakDetector.Phase3[j], s, p3);
        }

        return Math.Max(Math.Max(Math.Abs(p0), Math.Abs(p1)), Math.Max(Math.Max(Math.Abs(p2), Math.Abs(p3)), Math.Abs(x[History + n])));
    }
}
