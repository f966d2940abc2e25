namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Settings of an oscillator → SVF → amplifier voice. Cutoff is in Hz at energy 0.5; the filter envelope
/// adds <see cref="FilterEnvOctaves"/> octaves that decay with <see cref="FilterDecay"/> seconds.
/// </summary>
public sealed record SubtractivePatch(
    Waveform Wave,
    int Unison,
    float DetuneCents,
    float Cutoff,
    float Resonance,
    float FilterEnvOctaves,
    float FilterDecay,
    float Attack,
    float Decay,
    float Sustain,
    float Release)
{
    public float SubLevel { get; init; }
    public float VibratoHz { get; init; } = 5f;
    public float VibratoCents { get; init; }
    public float VibratoDelay { get; init; } = 0.3f;
    public float KeyTrack { get; init; } = 0.5f;
    public float EnergyOctaves { get; init; } = 1.5f;
    public float FilterAttack { get; init; }
    public float Level { get; init; } = 1f;
    public bool BandPass { get; init; }
    public float FormantHz { get; init; }

    /// <summary>
    /// A 303's accent: notes louder than <see cref="AccentVelocity"/> (fully from 0.08 above it) get this many more
    /// octaves of filter envelope, a shorter filter decay and more level. 0: no accent.
    /// </summary>
    public float AccentOctaves { get; init; }

    public float AccentVelocity { get; init; } = 0.72f;

    /// <summary>
    /// 2: the SVF alone (12 dB/octave). 4: a gentle low-pass section ahead of it at the same cutoff, for a ladder
    /// filter's 24 dB/octave slope (the resonance stays in the SVF's section).
    /// </summary>
    public int Poles { get; init; } = 2;
}
