namespace MusicGen.Engine.Effects;

/// <summary>
/// Sidechain ducking keyed from the kick's note times (known from the score, so it is exact and
/// deterministic): a fast dip of <c>depthDb</c> that recovers with the given release.
/// </summary>
/// <remarks>
/// The recovery depends only on the frames since the last kick, and kicks come every beat or two, so
/// each value is computed once and looked up after (the same expression, so the same bits).
/// </remarks>
public sealed class SidechainDucker(float sampleRate, IReadOnlyList<long> kickFrames, float depthDb = 5f, float releaseMs = 130f)
{
    /// <summary>Recovery values kept for this many seconds after a kick; later ones are computed each time.</summary>
    private const float TableSeconds = 4f;

    private readonly float depth = 1f - MathF.Pow(10f, -depthDb / 20f);
    private readonly float tau = releaseMs * 0.001f * sampleRate;
    private readonly float attackFrames = 0.004f * sampleRate;
    private readonly int tableFrames = (int)(TableSeconds * sampleRate);
    private float[] recovery = [];
    private int recoveryFilled;
    private int next;
    private long lastKick = long.MinValue / 2;

    /// <summary>Writes the duck gain for frames [start, start + gains.Length).</summary>
    public void Fill(long start, Span<float> gains)
    {
        for (var n = 0; n < gains.Length; n++)
        {
            var frame = start + n;
            while (next < kickFrames.Count && kickFrames[next] <= frame + (long)attackFrames)
            {
                lastKick = kickFrames[next++];
            }

            var since = frame - lastKick;
            float duck;
            if (since < 0)
            {
                duck = depth * (1f + since / attackFrames);
            }
            else if (since < tableFrames)
            {
                duck = Recovery((int)since);
            }
            else
            {
                duck = depth * MathF.Exp(-since / tau);
            }

            gains[n] = 1f - Math.Max(0f, duck);
        }
    }

    private float Recovery(int since)
    {
        if (since >= recoveryFilled)
        {
            if (since >= recovery.Length)
            {
                Array.Resize(ref recovery, Math.Min(tableFrames, Math.Max(2 * recovery.Length, since + 4096)));
            }

            for (; recoveryFilled <= since; recoveryFilled++)
            {
                recovery[recoveryFilled] = depth * MathF.Exp(-(long)recoveryFilled / tau);
            }
        }

        return recovery[since];
    }
}
