namespace MusicGen.Engine.Analysis;

/// <summary>About a thousand peak magnitudes (0–1) across the song, for drawing a waveform.</summary>
public static class WaveformPeaks
{
    public static float[] Compute(ReadOnlySpan<float> interleaved, int count = 1000)
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
}
