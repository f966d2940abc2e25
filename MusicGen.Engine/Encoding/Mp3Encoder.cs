namespace MusicGen.Engine.Encoding;

/// <summary>Constant-bitrate joint-stereo MP3 of a whole song in memory (see <see cref="Mp3Writer"/>).</summary>
public static class Mp3Encoder
{
    public static byte[] Encode(ReadOnlySpan<float> interleaved, int sampleRate, int bitrateKbps, CancellationToken cancellationToken = default)
    {
        using var writer = new Mp3Writer(sampleRate, bitrateKbps, interleaved.Length / 2, cancellationToken);
        writer.Write(interleaved);
        return writer.Finish();
    }
}
