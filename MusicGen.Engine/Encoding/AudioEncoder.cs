namespace MusicGen.Engine.Encoding;

/// <summary>Encodes interleaved stereo float PCM (already at the format's sample rate) into the requested format.</summary>
public static class AudioEncoder
{
    public static byte[] Encode(ReadOnlySpan<float> interleaved, OutputFormat format, CancellationToken cancellationToken = default)
    {
        using var writer = AudioWriter.Create(format, interleaved.Length / 2, cancellationToken);
        writer.Write(interleaved);
        return writer.Finish();
    }
}
