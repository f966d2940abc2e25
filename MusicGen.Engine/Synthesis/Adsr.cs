using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Exponential ADSR after EarLevel's ADSR.cpp (attack target ratio 0.3, decay/release ratio 0.0001).
/// <see cref="Next8"/> gives eight samples at once in closed form (target + distance · coefᵏ).
/// A release, or a decay to a sustain of zero, ends where the curve falls under <see cref="Floor"/>.
/// </summary>
public struct Adsr
{
    private const float AttackRatio = 0.3f;
    private const float DecayReleaseRatio = 0.0001f;

    /// <summary>
    /// −60 dB under the peak: inaudible under a mix, as the FM voices' tails are cut. The curve aims 80 dB down, so
    /// it spends the last quarter of a release under this: a pad's 5 s release rings 3.75 s, not 5.
    /// </summary>
    public const float Floor = 1e-3f;

    private enum Stage : byte { Idle, Attack, Decay, Sustain, Release }

    private Stage stage;
    private float output, sustain, decayEnd;
    private float attackCoef, attackBase, decayCoef, decayBase, releaseCoef, releaseBase;

    // Each stage approaches base / (1 − coef); over eight samples the distance to it shrinks by coef¹ … coef⁸.
    private float attackTarget, decayTarget, releaseTarget;
    private Vector256<float> attackPowers, decayPowers, releasePowers;

    public Adsr(float attackSeconds, float decaySeconds, float sustainLevel, float releaseSeconds, float sampleRate)
    {
        sustain = sustainLevel;
        decayEnd = sustain > 0f ? sustain : Floor;
        attackCoef = Coefficient(attackSeconds * sampleRate, AttackRatio);
        attackBase = (1f + AttackRatio) * (1f - attackCoef);
        decayCoef = Coefficient(decaySeconds * sampleRate, DecayReleaseRatio);
        decayBase = (sustain - DecayReleaseRatio) * (1f - decayCoef);
        releaseCoef = Coefficient(releaseSeconds * sampleRate, DecayReleaseRatio);
        releaseBase = -DecayReleaseRatio * (1f - releaseCoef);
        stage = Stage.Attack;
        output = 0f;
        attackTarget = attackBase / (1f - attackCoef);
        decayTarget = decayBase / (1f - decayCoef);
        releaseTarget = releaseBase / (1f - releaseCoef);
        attackPowers = VectorSine.Powers(attackCoef) * attackCoef;
        decayPowers = VectorSine.Powers(decayCoef) * decayCoef;
        releasePowers = VectorSine.Powers(releaseCoef) * releaseCoef;
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

    /// <summary>
    /// Adds <paramref name="source"/> × envelope × <paramref name="gain"/> into <paramref name="target"/> over
    /// <paramref name="count"/> samples (a multiple of eight), the envelope eight values at a time as <see cref="Next8"/>
    /// gives them, in one call per block rather than one per eight samples (a call whose vector came back through
    /// memory, with the caller's registers saved around it). Level and stage stay in registers across the steps.
    /// </summary>
    public void Apply(ref float source, ref float target, int count, float gain)
    {
        var gains = Vector256.Create(gain);
        var level = output;
        var current = stage;
        for (var n = 0; n < count; n += Vector256<float>.Count)
        {
            Vector256<float> step;
            if (current == Stage.Sustain)
            {
                step = Vector256.Create(level);
            }
            else if (current == Stage.Attack)
            {
                step = Vector256.Create(attackTarget) + (Vector256.Create(level - attackTarget) * attackPowers);
                if (step.GetElement(7) >= 1f)
                {
                    output = level;
                    var stepped = Step8();
                    (level, current) = (output, stage);
                    (Vector256.LoadUnsafe(ref target, (nuint)n) + Vector256.LoadUnsafe(ref source, (nuint)n) * stepped * gains).StoreUnsafe(ref target, (nuint)n);
                    continue;
                }

                level = step.GetElement(7);
            }
            else if (current == Stage.Decay)
            {
                step = Vector256.Create(decayTarget) + (Vector256.Create(level - decayTarget) * decayPowers);
                if (step.GetElement(7) <= decayEnd)
                {
                    step = Vector256.ConditionalSelect(Vector256.LessThan(step, Vector256.Create(decayEnd)), Vector256.Create(sustain), step);
                    current = sustain <= 0f ? Stage.Idle : Stage.Sustain;
                }

                level = step.GetElement(7);
            }
            else if (current == Stage.Release)
            {
                step = Vector256.Create(releaseTarget) + (Vector256.Create(level - releaseTarget) * releasePowers);
                if (step.GetElement(7) <= Floor)
                {
                    step = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(step, Vector256.Create(Floor)), Vector256<float>.Zero, step);
                    current = Stage.Idle;
                }

                level = step.GetElement(7);
            }
            else
            {
                step = Vector256<float>.Zero;
            }

            (Vector256.LoadUnsafe(ref target, (nuint)n) + Vector256.LoadUnsafe(ref source, (nuint)n) * step * gains).StoreUnsafe(ref target, (nuint)n);
        }

        output = level;
        stage = current;
    }

    /// <summary>
    /// The next eight values of <see cref="Next"/>, in closed form (which, unlike the float recursion, cannot stall
    /// a hair above the level it heads for). The eight samples in which the attack ends are stepped one by one.
    /// </summary>
    public Vector256<float> Next8()
    {
        Vector256<float> values;
        switch (stage)
        {
            case Stage.Idle:
                return Vector256<float>.Zero;
            case Stage.Sustain:
                return Vector256.Create(output);
            case Stage.Attack:
                values = Vector256.Create(attackTarget) + (Vector256.Create(output - attackTarget) * attackPowers);
                if (values.GetElement(7) >= 1f)
                {
                    return Step8();
                }

                break;
            case Stage.Decay:
                values = Vector256.Create(decayTarget) + (Vector256.Create(output - decayTarget) * decayPowers);
                if (values.GetElement(7) <= decayEnd)
                {
                    // The curve is monotonic: the samples from the first under its end hold the sustain level.
                    values = Vector256.ConditionalSelect(Vector256.LessThan(values, Vector256.Create(decayEnd)), Vector256.Create(sustain), values);
                    stage = sustain <= 0f ? Stage.Idle : Stage.Sustain;
                }

                break;
            default:
                values = Vector256.Create(releaseTarget) + (Vector256.Create(output - releaseTarget) * releasePowers);
                if (values.GetElement(7) <= Floor)
                {
                    values = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(values, Vector256.Create(Floor)), Vector256<float>.Zero, values);
                    stage = Stage.Idle;
                }

                break;
        }

        output = values.GetElement(7);
        return values;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Vector256<float> Step8()
    {
        Span<float> values = stackalloc float[Vector256<float>.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Next();
        }

        return Vector256.Create<float>(values);
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
                if (output <= decayEnd)
                {
                    output = sustain;
                    stage = sustain <= 0f ? Stage.Idle : Stage.Sustain;
                }

                break;
            case Stage.Release:
                output = releaseBase + output * releaseCoef;
                if (output <= Floor)
                {
                    output = 0f;
                    stage = Stage.Idle;
                }

                break;
        }

        return output;
    }
}
