namespace MusicGen.Engine.Mastering;

/// <summary>
/// BS.1770-4 Annex 2 true peak of interleaved stereo fed in blocks of any size. It works in 256-frame
/// windows counted from the first sample, so the result does not depend on how the audio is cut.
/// </summary>
public sealed class TruePeakMeter
{
    private const int Block = 256;

    private readonly BlockTruePeak detector = new(Block);
    private readonly FixedChunks chunks = new(2 * Block);
    private readonly FixedChunks.ChunkAction window;
    private readonly float[] peaks = new float[Block];
    private float peak, previousBlockPeak;
    private bool finished;

    public TruePeakMeter() => window = Window;

    public void Add(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        chunks.Write(interleaved, window);
    }

    /// <summary>The true peak in dBTP, counting the interpolator's tail after the last sample. Ends the measurement.</summary>
    public double Finish()
    {
        if (!finished)
        {
            chunks.Flush(window);

            Span<float> silence = stackalloc float[2 * TruePeakDetector.Taps];
            detector.Next(silence, 1f, peaks);
            peak = Math.Max(peak, SampleMath.MaxAbs(peaks.AsSpan(0, TruePeakDetector.Taps)));
            finished = true;
        }

        return 20.0 * Math.Log10(Math.Max(peak, 1e-12f));
    }

    private void Window(ReadOnlySpan<float> samples)
    {
        var blockPeak = SampleMath.MaxAbs(samples);

        // Windows that cannot beat the peak found so far are only pushed through the history.
        var interpolate = Math.Max(blockPeak, previousBlockPeak) * TruePeakDetector.InterpolationBound > peak;
        previousBlockPeak = blockPeak;
        detector.Next(samples, 1f, interpolate ? peaks : [], peak);
        if (interpolate)
        {
            peak = Math.Max(peak, SampleMath.MaxAbs(peaks.AsSpan(0, samples.Length / 2)));
        }
    }
}
