using MusicGen.Engine.Mastering;

namespace MusicGen.Engine.Analysis;

/// <summary>
/// <see cref="WaveformPeaks"/> for a song fed in blocks of any size: the song's length is known up front,
/// so each peak covers the same frames as <see cref="WaveformPeaks.Compute"/>'s.
/// </summary>
public sealed class WaveformPeakMeter
{
    private readonly long frames;
    private readonly float[] peaks;
    private long frame, segmentEnd;
    private int segment;
    private float peak;

    public WaveformPeakMeter(long frames, int count = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        this.frames = frames;
        peaks = new float[Math.Max(1, Math.Min(count, frames))];
        segmentEnd = frames / peaks.Length;
    }

    public void Add(ReadOnlySpan<float> interleaved)
    {
        while (interleaved.Length >= 2 && segment < peaks.Length)
        {
            var take = (int)Math.Min(interleaved.Length / 2, segmentEnd - frame);
            peak = Math.Max(peak, SampleMath.MaxAbs(interleaved[..(2 * take)]));
            interleaved = interleaved[(2 * take)..];
            frame += take;
            if (frame == segmentEnd)
            {
                peaks[segment] = MathF.Round(peak, 4);
                peak = 0f;
                segment++;
                segmentEnd = frames * (segment + 1) / peaks.Length;
            }
        }
    }

    /// <summary>The peaks (0–1), one per segment; segments not reached yet are 0.</summary>
    public float[] Peaks => peaks;
}
