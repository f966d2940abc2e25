namespace MusicGen.Engine.Synthesis;

/// <summary>Exponential ADSR after EarLevel's ADSR.cpp (attack target ratio 0.3, decay/release ratio 0.0001).</summary>
public struct Adsr
{
    private const float AttackRatio = 0.3f;
    private const float DecayReleaseRatio = 0.0001f;

    private enum Stage : byte { Idle, Attack, Decay, Sustain, Release }

    private Stage stage;
    private float output, sustain;
    private float attackCoef, attackBase, decayCoef, decayBase, releaseCoef, releaseBase;

    public Adsr(float attackSeconds, float decaySeconds, float sustainLevel, float releaseSeconds, float sampleRate)
    {
        sustain = sustainLevel;
        attackCoef = Coefficient(attackSeconds * sampleRate, AttackRatio);
        attackBase = (1f + AttackRatio) * (1f - attackCoef);
        decayCoef = Coefficient(decaySeconds * sampleRate, DecayReleaseRatio);
        decayBase = (sustain - DecayReleaseRatio) * (1f - decayCoef);
        releaseCoef = Coefficient(releaseSeconds * sampleRate, DecayReleaseRatio);
        releaseBase = -DecayReleaseRatio * (1f - releaseCoef);
        stage = Stage.Attack;
        output = 0f;
    }

    public readonly bool IsIdle => stage == Stage.Idle;

    public readonly float Value => output;

    private static float Coefficient(float samples, float ratio) =>
        samples <= 1f ? 0f : MathF.Exp(-MathF.Log((1f + ratio) / ratio) / samples);

    public void Release()
    {
        if (stage != Stage.Idle)
        {
            stage = Stage.Release;
        }
    }

    public float Next()
    {
        switch (stage)
        {
            case Stage.Attack:
                output = attackBase + output * attackCoef;
                if (output >= 1f)
                {
                    output = 1f;
                    stage = Stage.Decay;
                }

                break;
            case Stage.Decay:
                output = decayBase + output * decayCoef;
                if (output <= sustain)
                {
                    output = sustain;
                    stage = sustain <= 0f ? Stage.Idle : Stage.Sustain;
                }

                break;
            case Stage.Release:
                output = releaseBase + output * releaseCoef;
                if (output <= 0f)
                {
                    output = 0f;
                    stage = Stage.Idle;
                }

                break;
        }

        return output;
    }
}
