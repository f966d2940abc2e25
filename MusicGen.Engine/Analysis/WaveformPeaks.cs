namespace MusicGen.Engine.Analysis;

/// <summary>About a thousand peak magnitudes (0–1) across the song, for drawing a waveform.</summary>
public static class WaveformPeaks
{
    public static float[] Compute(ReadOnlySpan<float> interleaved, int count = 1000)
    {
        var meter = new WaveformPeakMeter(interleaved.Length / 2, count);
        meter.Add(interleaved);
        return meter.Peaks;
    }
}
