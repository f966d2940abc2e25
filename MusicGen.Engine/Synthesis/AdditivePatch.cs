namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Partials of an additive voice: ratio to the fundamental, level, and decay time (seconds to −60 dB; 0 = sustained).
/// <see cref="Inharmonicity"/> stretches partial n by √(1 + B·n²) as in a piano string.
/// </summary>
public sealed record AdditivePatch(float[] Ratios, float[] Levels, float[] Decays, float Attack, float Release)
{
    public float Inharmonicity { get; init; }
    public float HammerNoise { get; init; }
    public float VelocityBrightness { get; init; } = 0.5f;
    public float DecayKeyScaling { get; init; } = 0.5f;
    public float Level { get; init; } = 1f;
    public float VibratoHz { get; init; }
    public float VibratoDepth { get; init; }
}
