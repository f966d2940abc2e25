namespace MusicGen.Engine.Encoding;

/// <summary>
/// Encodes a song's interleaved stereo float PCM (at the format's rate) fed in blocks of any size, so a
/// song never has to be held whole to be encoded. <see cref="Finish"/> returns the file.
/// </summary>
public abstract class AudioWriter : IDisposable
{
    /// <param name="frames">The song's length in frames (WAV and raw PCM size their output from it).</param>
    public static AudioWriter Create(OutputFormat format, long frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Container switch
        {
            AudioContainer.Mp3 => new Mp3Writer(format.SampleRate, format.BitrateKbps, frames, cancellationToken),
            AudioContainer.Wav => new PcmWriter(frames, format.BitsPerSample, wavSampleRate: format.SampleRate),
            _ => new PcmWriter(frames, format.BitsPerSample, wavSampleRate: null),
        };
    }

    public abstract void Write(ReadOnlySpan<float> interleaved);

    /// <summary>The encoded file, once all the song has been written.</summary>
    public abstract byte[] Finish();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
