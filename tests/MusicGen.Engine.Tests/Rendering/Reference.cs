namespace MusicGen.Engine.Tests.Rendering;

/// <summary>Plain, whole-buffer versions of the streaming meters, to check them against.</summary>
public static class Reference
{
    public static float[] WaveformPeaks(float[] interleaved, int count)
    {
        var frames = interleaved.Length / 2;
        count = Math.Max(1, Math.Min(count, frames));
        var peaks = new float[count];
        for (var p = 0; p < count; p++)
        {
            var start = (int)((long)frames * p / count);
            var end = (int)((long)frames * (p + 1) / count);
            var peak = 0f;
            for (var i = 2 * start; i < 2 * end; i++)
            {
                peak = Math.Max(peak, Math.Abs(interleaved[i]));
            }

            peaks[p] = MathF.Round(peak, 4);
        }

        return peaks;
    }

    /// <summary>Feeds <paramref name="samples"/> to <paramref name="add"/> in uneven blocks (odd frame counts, one of a single frame).</summary>
    public static void InUnevenBlocks(float[] samples, Action<float[]> add)
    {
        int[] sizes = [1, 257, 3, 8191, 12, 40000, 64];
        var start = 0;
        for (var i = 0; start < samples.Length; i++)
        {
            var count = Math.Min(2 * sizes[i % sizes.Length], samples.Length - start);
            add(samples[start..(start + count)]);
            start += count;
        }
    }
}
