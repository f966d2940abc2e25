using System.Buffers.Binary;

namespace MusicGen.Engine.Encoding;

/// <summary>
/// 16-bit (with deterministic TPDF dither) or 24-bit little-endian PCM, raw or as a RIFF/WAVE file,
/// written straight into the output array, which is sized from the song's length up front.
/// </summary>
internal sealed class PcmWriter : AudioWriter
{
    private const int HeaderBytes = 44;

    private readonly byte[] file;
    private readonly int bitsPerSample;
    private int position;
    private uint dither = 0x2545F491;

    /// <param name="wavSampleRate">The rate to write in a WAV header; null for raw samples.</param>
    public PcmWriter(long frames, int bitsPerSample, int? wavSampleRate)
    {
        var bytesPerSample = BytesPerSample(bitsPerSample);
        this.bitsPerSample = bitsPerSample;
        var dataLength = checked((int)(frames * 2 * bytesPerSample));
        if (wavSampleRate is not { } sampleRate)
        {
            file = new byte[dataLength];
            return;
        }

        file = new byte[HeaderBytes + dataLength];
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
        position = HeaderBytes;
    }

    public override void Write(ReadOnlySpan<float> interleaved)
    {
        var output = file.AsSpan(position);
        if (interleaved.Length * (bitsPerSample / 8) > output.Length)
        {
            throw new InvalidOperationException("More samples than the length the writer was created for.");
        }

        if (bitsPerSample == 16)
        {
            var state = dither;
            for (var i = 0; i < interleaved.Length; i++)
            {
                var noise = (Next(ref state) + Next(ref state)) * 0.5f;
                var value = Math.Clamp(MathF.Round(interleaved[i] * 32767f + noise), -32768f, 32767f);
                BinaryPrimitives.WriteInt16LittleEndian(output[(2 * i)..], (short)value);
            }

            dither = state;
            position += 2 * interleaved.Length;
            return;
        }

        for (var i = 0; i < interleaved.Length; i++)
        {
            var value = (int)Math.Clamp(MathF.Round(interleaved[i] * 8388607f), -8388608f, 8388607f);
            output[3 * i] = (byte)value;
            output[3 * i + 1] = (byte)(value >> 8);
            output[3 * i + 2] = (byte)(value >> 16);
        }

        position += 3 * interleaved.Length;
    }

    public override byte[] Finish() => position == file.Length
        ? file
        : throw new InvalidOperationException($"The song is shorter than the writer was told: {file.Length - position} bytes are missing.");

    private static int BytesPerSample(int bitsPerSample) => bitsPerSample switch
    {
        16 => 2,
        24 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(bitsPerSample), bitsPerSample, "WAV output is 16 or 24 bits per sample."),
    };

    private static float Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return (int)state * (1f / 2147483648f);
    }
}
