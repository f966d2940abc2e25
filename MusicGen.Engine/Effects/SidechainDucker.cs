namespace MusicGen.Engine.Effects;

/// <summary>
/// Sidechain ducking keyed from the kick's note times (known from the score, so it is exact and
/// deterministic): a fast dip of <c>depthDb</c> that recovers with the given release.
/// </summary>
/// <remarks>
/// The recovery depends only on the frames since the last kick, and kicks come every beat or two, so
/// each gain is computed once into a table (the same expression, so the same bits) and a block between two
/// kicks is a copy of a stretch of it. Blocks are asked for in order; the last one is kept, so that the parts
/// of a song that share a ducker compute each block once.
/// </remarks>
public sealed class SidechainDucker(float sampleRate, IReadOnlyList<long> kickFrames, float depthDb = 5f, float releaseMs = 130f)
{
    private readonly float depth = 1f - MathF.Pow(10f, -depthDb / 20f);
    private readonly float tau = releaseMs * 0.001f * sampleRate;
    private readonly float attackFrames = 0.004f * sampleRate;

    /// <summary>
    /// Recovery values kept after a kick: from there on the dip is under a third of half a float's step below 1 (one
    /// release time past 2⁻²⁵), so 1 − dip is exactly 1 and the gain is 1 with no exponential per frame (through a
    /// breakdown without kicks, say). Some 2.2 s at the default release.
    /// </summary>
    private readonly int tableFrames = (int)Math.Ceiling(releaseMs * 0.001 * sampleRate * (Math.Log((1.0 - Math.Pow(10.0, -depthDb / 20.0)) * 33554432.0) + 1.0));
    private float[] recovery = [];
    private int recoveryFilled;
    private int next;
    private long lastKick = long.MinValue / 2;
    private float[] block = [];
    private long blockStart = -1;
    private int blockFrames;

    /// <summary>Writes the duck gain for frames [start, start + gains.Length).</summary>
    public void Fill(long start, Span<float> gains) => Gains(start, gains.Length).CopyTo(gains);

    /// <summary>
    /// The duck gains for frames [start, start + frames), valid until the next call for another block; blocks come
    /// in order, and the same block may be asked for again.
    /// </summary>
    public ReadOnlySpan<float> Gains(long start, int frames)
    {
        if (start != blockStart || frames != blockFrames)
        {
            if (block.Length < frames)
            {
                block = new float[frames];
            }

            Compute(start, block.AsSpan(0, frames));
            (blockStart, blockFrames) = (start, frames);
        }

        return block.AsSpan(0, frames);
    }

    private void Compute(long start, Span<float> gains)
    {
        var attack = (long)attackFrames;
        for (var n = 0; n < gains.Length;)
        {
            var frame = start + n;
            while (next < kickFrames.Count && kickFrames[next] <= frame + attack)
            {
                lastKick = kickFrames[next++];
            }

            // The last kick stays the same until the next one's attack begins.
            var end = next < kickFrames.Count ? (int)Math.Min(gains.Length, kickFrames[next] - attack - start) : gains.Length;
            var since = frame - lastKick;
            int count;
            if (since < 0)
            {
                count = (int)Math.Min(end - n, -since);
                for (var i = 0; i < count; i++)
                {
                    gains[n + i] = 1f - Math.Max(0f, depth * (1f + (since + i) / attackFrames));
                }
            }
            else if (since < tableFrames)
            {
                count = (int)Math.Min(end - n, tableFrames - since);
                Recovery((int)since, count).CopyTo(gains.Slice(n, count));
            }
            else
            {
                count = end - n;
                gains.Slice(n, count).Fill(1f);
            }

            n += count;
        }
    }

    /// <summary>The gains <paramref name="since"/> … <paramref name="since"/> + <paramref name="count"/> − 1 frames after a kick.</summary>
    private ReadOnlySpan<float> Recovery(int since, int count)
    {
        var last = since + count - 1;
        if (last >= recoveryFilled)
        {
            if (last >= recovery.Length)
            {
                Array.Resize(ref recovery, Math.Min(tableFrames, Math.Max(2 * recovery.Length, last + 4096)));
            }

            for (; recoveryFilled <= last; recoveryFilled++)
            {
                recovery[recoveryFilled] = 1f - Math.Max(0f, depth * MathF.Exp(-(long)recoveryFilled / tau));
            }
        }

        return recovery.AsSpan(since, count);
    }
}
