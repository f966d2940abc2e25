using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicGen.Engine.Encoding;

/// <summary>
/// 16-bit (with deterministic TPDF dither) or 24-bit little-endian PCM, raw or as a RIFF/WAVE file,
/// written straight into the output array, which is sized from the song's length up front.
/// </summary>
/// <remarks>
/// The dither comes from eight xorshift generators, sample i drawing from generator i mod 8, so eight
/// samples are dithered and converted per vector step; samples before an eight-aligned position or after
/// the last whole step take the same draws one by one. The output does not depend on how the song is cut.
/// </remarks>
internal sealed class PcmWriter : AudioWriter
{
    private const int HeaderBytes = 44;

    private readonly byte[] file;
    private readonly int bitsPerSample;
    private readonly uint[] dither = new uint[Lanes];
    private int position;
    private long samples;

    private const int Lanes = 8;

    /// <param name="wavSampleRate">The rate to write in a WAV header; null for raw samples.</param>
    public PcmWriter(long frames, int bitsPerSample, int? wavSampleRate)
    {
        var bytesPerSample = BytesPerSample(bitsPerSample);
        this.bitsPerSample = bitsPerSample;
        for (var (k, seed) = (0, 0x2545F491u); k < Lanes; k++)
        {
            seed = seed * 747796405u + 2891336453u;
            dither[k] = seed | 1;
        }

        // Unzeroed: the header is written here and every sample as the song comes (a song's worth of zeros saved).
        var dataLength = checked((int)(frames * 2 * bytesPerSample));
        if (wavSampleRate is not { } sampleRate)
        {
            file = GC.AllocateUninitializedArray<byte>(dataLength);
            return;
        }

        file = GC.AllocateUninitializedArray<byte>(HeaderBytes + dataLength);
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
            WriteDithered(interleaved, MemoryMarshal.Cast<byte, short>(output[..(2 * interleaved.Length)]));
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

    /// <summary>Rounds each sample with TPDF dither to 16 bits (host order: little-endian on every platform .NET runs this on).</summary>
    private void WriteDithered(ReadOnlySpan<float> input, Span<short> output)
    {
        var i = 0;
        for (; i < input.Length && (samples + i) % Lanes != 0; i++)
        {
            output[i] = Dithered(input[i], ref dither[(samples + i) % Lanes]);
        }

        if (Avx2.IsSupported && BitConverter.IsLittleEndian)
        {
            var state = Vector256.Create<uint>(dither);
            var scale = Vector256.Create(0.5f / 2147483648f);
            var full = Vector256.Create(32767f);
            ref var source = ref MemoryMarshal.GetReference(input);
            ref var target = ref MemoryMarshal.GetReference(output);
            for (; i + 2 * Lanes <= input.Length; i += 2 * Lanes)
            {
                var early = Convert(Vector256.LoadUnsafe(ref source, (nuint)i), ref state, scale, full);
                var late = Convert(Vector256.LoadUnsafe(ref source, (nuint)(i + Lanes)), ref state, scale, full);

                // The pack saturates to the 16-bit range (the clamp) and interleaves 128-bit halves; the permute restores order.
                var packed = Avx2.Permute4x64(Avx2.PackSignedSaturate(early, late).AsInt64(), 0b11_01_10_00).AsInt16();
                packed.StoreUnsafe(ref target, (nuint)i);
            }

            state.CopyTo(dither);
        }

        for (; i < input.Length; i++)
        {
            output[i] = Dithered(input[i], ref dither[(samples + i) % Lanes]);
        }

        samples += input.Length;
    }

    private static Vector256<int> Convert(Vector256<float> x, ref Vector256<uint> state, Vector256<float> scale, Vector256<float> full)
    {
        var first = Next(ref state);
        var second = Next(ref state);
        var noise = (Vector256.ConvertToSingle(first) + Vector256.ConvertToSingle(second)) * scale;

        // Round to nearest even, as MathF.Round does.
        return Avx.ConvertToVector256Int32(Vector256.FusedMultiplyAdd(x, full, noise));
    }

    private static Vector256<int> Next(ref Vector256<uint> state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state.AsInt32();
    }

    private static short Dithered(float x, ref uint state)
    {
        var first = (float)(int)Next(ref state);
        var noise = (first + (int)Next(ref state)) * (0.5f / 2147483648f);
        return (short)Math.Clamp(MathF.Round(MathF.FusedMultiplyAdd(x, 32767f, noise)), -32768f, 32767f);
    }

    private static uint Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
}
