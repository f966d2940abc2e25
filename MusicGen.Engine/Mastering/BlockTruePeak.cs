using System.Numerics;
using System.Runtime.InteropServices;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The <see cref="TruePeakDetector"/> FIR for stereo blocks, vectorised across frames: for every frame,
/// the largest magnitude among both channels' samples and their interpolated points. Same taps, same
/// summation order, so the same numbers as <see cref="TruePeakDetector.Next"/>.
/// </summary>
internal sealed class BlockTruePeak
{
    private const int History = TruePeakDetector.Taps - 1;

    private readonly int maxFrames;
    private readonly float[] left, right;

    public BlockTruePeak(int maxFrames)
    {
        this.maxFrames = maxFrames;
        left = new float[History + maxFrames + Vector<float>.Count];
        right = new float[History + maxFrames + Vector<float>.Count];
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
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            var samples = x.AsSpan();
            var output = MemoryMarshal.Cast<float, Vector<float>>(peaks[..(frames / width * width)]);
            for (var v = 0; v < output.Length; v++, n += width)
            {
                Vector<float> p0 = Vector<float>.Zero, p1 = Vector<float>.Zero, p2 = Vector<float>.Zero, p3 = Vector<float>.Zero;
                for (var j = 0; j < TruePeakDetector.Taps; j++)
                {
                    // Frame n's sample sits at History + n; tap j reaches j samples back.
                    var s = new Vector<float>(samples.Slice(History + n - j, width));
                    p0 += new Vector<float>(TruePeakDetector.Phase0[j]) * s;
                    p1 += new Vector<float>(TruePeakDetector.Phase1[j]) * s;
                    p2 += new Vector<float>(TruePeakDetector.Phase2[j]) * s;
                    p3 += new Vector<float>(TruePeakDetector.Phase3[j]) * s;
                }

                var current = new Vector<float>(samples.Slice(History + n, width));
                var peak = Vector.Max(Vector.Max(Vector.Abs(p0), Vector.Abs(p1)), Vector.Max(Vector.Max(Vector.Abs(p2), Vector.Abs(p3)), Vector.Abs(current)));
                output[v] = Vector.Max(output[v], peak);
            }
        }

        for (; n < frames; n++)
        {
            float p0 = 0, p1 = 0, p2 = 0, p3 = 0;
            for (var j = 0; j < TruePeakDetector.Taps; j++)
            {
                var s = x[History + n - j];
                p0 += TruePeakDetector.Phase0[j] * s;
                p1 += TruePeakDetector.Phase1[j] * s;
                p2 += TruePeakDetector.Phase2[j] * s;
                p3 += TruePeakDetector.Phase3[j] * s;
            }

            var peak = Math.Max(Math.Max(Math.Abs(p0), Math.Abs(p1)), Math.Max(Math.Max(Math.Abs(p2), Math.Abs(p3)), Math.Abs(x[History + n])));
            peaks[n] = Math.Max(peaks[n], peak);
        }
    }
}
