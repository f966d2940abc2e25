namespace MusicGen.Engine.Encoding;

/// <summary>
/// 16-bit (with deterministic TPDF dither) and 24-bit PCM from interleaved stereo float, as a RIFF/WAVE
/// file or as raw little-endian samples.
/// </summary>
public static class WavEncoder
{
    public static byte[] EncodeWav(ReadOnlySpan<float> interleaved, int sampleRate, int bitsPerSample) =>
        Encode(new PcmWriter(interleaved.Length / 2, bitsPerSample, sampleRate), interleaved);

    public static byte[] EncodeRaw(ReadOnlySpan<float> interleaved, int bitsPerSample) =>
        Encode(new PcmWriter(interleaved.Length / 2, bitsPerSample, wavSampleRate: null), interleaved);

    private static byte[] Encode(PcmWriter writer, ReadOnlySpan<float> interleaved)
    {
        using (writer)
        {
            writer.Write(interleaved);
            return writer.Finish();
        }
    }
}
