namespace MusicGen.Engine.Composition;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast PRNG whose sequence is fixed by the seed on
/// every platform and runtime, which is what makes a score reproducible from brief + seed.
/// </summary>
public sealed class Rng
{
    private ulong s0, s1, s2, s3;

    public Rng(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>An independent stream for one concern (drums, melody …) so changing one part's draws never shifts another's.</summary>
    public Rng Fork(string purpose) => new(NextULong() ^ StableHash(purpose));

    public ulong NextULong()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => max <= min ? min : min + (int)(NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public double Range(double min, double max) => min + (NextDouble() * (max - min));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>Index drawn with the given relative weights.</summary>
    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var r = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
