namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Two-operator FM (Chowning): carrier at the note, modulator at <see cref="Ratio"/> × note with an
/// index that decays from <see cref="Index"/>; an optional high "tine" modulator gives the e-piano attack.
/// </summary>
public sealed record FmPatch(float Ratio, float Index, float IndexDecay, float Decay, float Release)
{
    public float TineRatio { get; init; }
    public float TineLevel { get; init; }
    public float Sustain { get; init; }
    public float Level { get; init; } = 1f;
    public float Detune { get; init; } = 0.0015f;
    public float TremoloHz { get; init; }
}
