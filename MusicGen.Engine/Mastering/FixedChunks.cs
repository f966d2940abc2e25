namespace MusicGen.Engine.Mastering;

/// <summary>
/// Regroups samples that arrive in blocks of any size into chunks of one size counted from the first sample,
/// so a consumer whose result depends on where its input is cut (LAME's frames, the true-peak windows) gives
/// the same result whether the song arrives whole or block by block.
/// </summary>
internal sealed class FixedChunks(int chunkSamples)
{
    public delegate void ChunkAction(ReadOnlySpan<float> chunk);

    private readonly float[] pending = new float[chunkSamples];
    private int pendingSamples;

    /// <summary>Hands every full chunk to <paramref name="action"/> and keeps the rest for the next call.</summary>
    public void Write(ReadOnlySpan<float> samples, ChunkAction action)
    {
        if (pendingSamples > 0)
        {
            var count = Math.Min(samples.Length, pending.Length - pendingSamples);
            samples[..count].CopyTo(pending.AsSpan(pendingSamples));
            pendingSamples += count;
            samples = samples[count..];
            if (pendingSamples < pending.Length)
            {
                return;
            }

            action(pending);
            pendingSamples = 0;
        }

        while (samples.Length >= pending.Length)
        {
            action(samples[..pending.Length]);
            samples = samples[pending.Length..];
        }

        samples.CopyTo(pending);
        pendingSamples = samples.Length;
    }

    /// <summary>Hands the shorter last chunk, if any, to <paramref name="action"/>.</summary>
    public void Flush(ChunkAction action)
    {
        if (pendingSamples > 0)
        {
            action(pending.AsSpan(0, pendingSamples));
            pendingSamples = 0;
        }
    }
}
