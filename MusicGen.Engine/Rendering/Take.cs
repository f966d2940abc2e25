using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MusicGen.Engine.Mastering;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// A rendered note kept for its repeats (<see cref="NoteTakes"/>), in block floating point: 16-bit samples, each block of
/// <see cref="BlockSamples"/> with its own scale, set by the block's peak. A repeat reads half the bytes a float take
/// would, and a song's takes take half the memory; their replay, which reads takes from memory rather than from the
/// caches, costs accordingly less. Each block keeps 16 bits under its own peak, so a decaying tail keeps its precision
/// all the way down: the rounding is 96 dB under the block, far under the 16-bit output's own dither.
/// </summary>
internal sealed class Take
{
    /// <summary>Samples per scale: 5.8 ms at 44.1 kHz, over which a note's level hardly moves.</summary>
    public const int BlockSamples = 256;

    private const float Full = 32767f;

    private Take(short[] samples, float[] scales, int length) => (Samples, Scales, Length) = (samples, scales, length);

    /// <summary>The 16-bit samples (the buffer may be longer than the take).</summary>
    public short[] Samples { get; }

    /// <summary>Each block's scale: its samples are the 16-bit values times it.</summary>
    public float[] Scales { get; }

    public int Length { get; }

    /// <summary>Encodes <paramref name="samples"/> into <paramref name="buffer"/> (at least as long).</summary>
    public static Take Encode(ReadOnlySpan<float> samples, short[] buffer)
    {
        var scales = new float[(samples.Length + BlockSamples - 1) / BlockSamples];
        for (var b = 0; b < scales.Length; b++)
        {
            var start = b * BlockSamples;
            var block = samples.Slice(start, Math.Min(BlockSamples, samples.Length - start));
            var peak = SampleMath.MaxAbs(block);
            scales[b] = peak / Full;
            Quantise(block, peak > 0f ? Full / peak : 0f, buffer.AsSpan(start, block.Length));
        }

        return new Take(buffer, scales, samples.Length);
    }

    /// <summary>Adds the take's samples from <paramref name="position"/>, times <paramref name="gain"/>, into <paramref name="output"/>.</summary>
    public void AddTo(int position, Span<float> output, float gain)
    {
        if (position < 0 || position + output.Length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), "The span runs past the take.");
        }

        for (var done = 0; done < output.Length;)
        {
            var at = position + done;
            var block = at / BlockSamples;
            var count = Math.Min(output.Length - done, ((block + 1) * BlockSamples) - at);
            Add(Samples.AsSpan(at, count), output.Slice(done, count), Scales[block] * gain);
            done += count;
        }
    }

    /// <summary>Rounds each sample times <paramref name="factor"/> to 16 bits.</summary>
    private static void Quantise(ReadOnlySpan<float> block, float factor, Span<short> target)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(block);
            ref var destination = ref MemoryMarshal.GetReference(target);
            var (f, top) = (Vector256.Create(factor), Vector256.Create(Full));
            for (; n + (2 * Vector256<float>.Count) <= block.Length; n += 2 * Vector256<float>.Count)
            {
                // Rounded to nearest (even), as MathF.Round does; the clamp only guards the peak's own rounding.
                var low = Vector256.ConvertToInt32(Vector256.Round(Vector256.Clamp(Vector256.LoadUnsafe(ref source, (nuint)n) * f, -top, top)));
                var high = Vector256.ConvertToInt32(Vector256.Round(Vector256.Clamp(Vector256.LoadUnsafe(ref source, (nuint)(n + Vector256<float>.Count)) * f, -top, top)));
                Vector256.Narrow(low, high).StoreUnsafe(ref destination, (nuint)n);
            }
        }

        for (; n < block.Length; n++)
        {
            target[n] = (short)MathF.Round(Math.Clamp(block[n] * factor, -Full, Full));
        }
    }

    /// <summary><paramref name="output"/>[i] += <paramref name="samples"/>[i] × <paramref name="scale"/>.</summary>
    private static void Add(ReadOnlySpan<short> samples, Span<float> output, float scale)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(samples);
            ref var target = ref MemoryMarshal.GetReference(output);
            var s = Vector256.Create(scale);
            for (; n + Vector256<short>.Count <= samples.Length; n += Vector256<short>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref source, (nuint)n));
                (Vector256.LoadUnsafe(ref target, (nuint)n) + (Vector256.ConvertToSingle(low) * s)).StoreUnsafe(ref target, (nuint)n);
                (Vector256.LoadUnsafe(ref target, (nuint)(n + Vector256<float>.Count)) + (Vector256.ConvertToSingle(high) * s)).StoreUnsafe(ref target, (nuint)(n + Vector256<float>.Count));
            }
        }

        for (; n < samples.Length; n++)
        {
            output[n] += samples[n] * scale;
        }
    }
}
