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
    public void Next(ReadOnlySpan<float> interleaved, float gain, Span<float> peaks)
    {
        var frames = interleaved.Length / 2;
        if (frames > maxFrames)
        {
            throw new ArgumentException($"At most {maxFrames} frames per block.", nameof(interleaved));
        }

        for (var n = 0; n < frames; n++)
        {
            left[History + n] = interleaved[2 * n] * gain;
            right[History + n] = interleaved[2 * n + 1] * gain;
        }

        if (!peaks.IsEmpty)
        {
            peaks[..frames].Clear();
            Interpolate(left, frames, peaks);
            Interpolate(right, frames, peaks);
        }

        // Keep the last samples as the next block's history.
        Array.Copy(left, frames, left, 0, History);
        Array.Copy(right, frames, right, 0, History);
    }

    private static void Interpolate(float[] x, int frames, Span<float> peaks)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var samples = ref MemoryMarshal.GetArrayDataReference(x);
            ref var output = ref MemoryMarshal.GetReference(peaks);
            for (; n + Lanes <= frames; n += Lanes)
            {
                Vector256<float> p0 = Vector256<float>.Zero, p1 = Vector256<float>.Zero, p2 = Vector256<float>.Zero, p3 = Vector256<float>.Zero;
                for (var j = 0; j < TruePeakDetector.Taps; j++)
                {
                    // Frame n's sample sits at History + n; tap j reaches j samples back.
                    var s = Vector256.LoadUnsafe(ref samples, (nuint)(History + n - j));
                    p0 = Vector256.FusedMultiplyAdd(Taps[4 * j], s, p0);
                    p1 = Vector256.FusedMultiplyAdd(Taps[4 * j + 1], s, p1);
                    p2 = Vector256.FusedMultiplyAdd(Taps[4 * j + 2], s, p2);
                    p3 = Vector256.FusedMultiplyAdd(Taps[4 * j + 3], s, p3);
                }

                var current = Vector256.LoadUnsafe(ref samples, (nuint)(History + n));
                var peak = Vector256.Max(Vector256.Max(Vector256.Abs(p0), Vector256.Abs(p1)), Vector256.Max(Vector256.Max(Vector256.Abs(p2), Vector256.Abs(p3)), Vector256.Abs(current)));
                Vector256.Max(Vector256.LoadUnsafe(ref output, (nuint)n), peak).StoreUnsafe(ref output, (nuint)n);
            }
        }

        for (; n < frames; n++)
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

            var peak = Math.Max(Math.Max(Math.Abs(p0), Math.Abs(p1)), Math.Max(Math.Max(Math.Abs(p2), Math.Abs(p3)), Math.Abs(x[History + n])));
            peaks[n] = Math.Max(peaks[n], peak);
        }
    }
}
