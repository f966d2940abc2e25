namespace MusicGen.Engine.Encoding;

/// <summary>Encodes interleaved stereo float PCM (already at the format's sample rate) into the requested format.</summary>
public static class AudioEncoder
{
    public static byte[] Encode(ReadOnlySpan<float> interleaved, OutputFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Container switch
        {
            AudioContainer.Mp3 => Mp3Encoder.Encode(interleaved, format.SampleRate, format.BitrateKbps, cancellationToken),
            AudioContainer.Wav => WavEncoder.EncodeWav(interleaved, format.SampleRate, format.BitsPerSample),
            _ => WavEncoder.EncodeRaw(interleaved, format.BitsPerSample),
        };
    }
}
