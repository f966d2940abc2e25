using System.Buffers.Binary;

namespace MusicGen.Engine.Encoding;

/// <summary>
/// 16-bit (with deterministic TPDF dither) and 24-bit PCM from interleaved stereo float, as a RIFF/WAVE
/// file or as raw little-endian samples.
/// </summary>
public static class WavEncoder
{
    public static byte[] EncodeWav(ReadOnlySpan<float> interleaved, int sampleRate, int bitsPerSample)
    {
        var bytesPerSample = BytesPerSample(bitsPerSample);
        var dataLength = interleaved.Length * bytesPerSample;
        var file = new byte[44 + dataLength];
        var header = file.AsSpan();
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataLength);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2 * bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], (short)(2 * bytesPerSample));
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], (short)bitsPerSample);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataLength);
        WriteSamples(interleaved, bitsPerSample, file.AsSpan(44));
        return file;
    }

    public static byte[] EncodeRaw(ReadOnlySpan<float> interleaved, int bitsPerSample)
    {
        var data = new byte[interleaved.Length * BytesPerSample(bitsPerSample)];
        WriteSamples(interleaved, bitsPerSample, data);
        return data;
    }

    private static int BytesPerSample(int bitsPerSample) => bitsPerSample switch
    {
        16 => 2,
        24 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(bitsPerSample), bitsPerSample, "WAV output is 16 or 24 bits per sample."),
    };

    private static void WriteSamples(ReadOnlySpan<float> interleaved, int bitsPerSample, Span<byte> output)
    {
        if (bitsPerSample == 16)
        {
            uint state = 0x2545F491;
            for (var i = 0; i < interleaved.Length; i++)
            {
                var dither = (Next(ref state) + Next(ref state)) * 0.5f;
                var value = Math.Clamp(MathF.Round(interleaved[i] * 32767f + dither), -32768f, 32767f);
                BinaryPrimitives.WriteInt16LittleEndian(output[(2 * i)..], (short)value);
            }

            return;
        }

        for (var i = 0; i < interleaved.Length; i++)
        {
            var value = (int)Math.Clamp(MathF.Round(interleaved[i] * 8388607f), -8388608f, 8388607f);
            output[3 * i] = (byte)value;
            output[3 * i + 1] = (byte)(value >> 8);
            output[3 * i + 2] = (byte)(value >> 16);
        }
    }

    private static float Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return (int)state * (1f / 2147483648f);
    }
}
