using System.Runtime.CompilerServices;

namespace MusicGen.Engine.Synthesis;

/// <summary>Deterministic xorshift32 white noise in [−1, 1): the same seed always gives the same sound.</summary>
public struct Noise(uint seed)
{
    private uint state = seed == 0 ? 0x9E3779B9u : seed;

    // Inlined: it is a few shifts, called per sample by the drums and the vinyl crackle.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next()
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return (int)state * (1f / 2147483648f);
    }

    /// <summary>A uniform value in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextUnit() => (Next() + 1f) * 0.5f;
}
