using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// A gain that follows a target set from time to time (a gate's open or shut), as a one-pole with a 2 ms time constant,
/// so that a gate opens and shuts without a click. The level at frame k after the target was set is
/// target + (level − target) × r^(k + 1), r the pole: eight frames per step from the powers of r, not one recursion per
/// frame; a level within a millionth of its target is the target, and then the samples are only scaled (or, open, left
/// alone).
/// </summary>
internal sealed class GateFollower
{
    public const float Seconds = 0.002f;

    private const int Lanes = 8;

    private readonly float pole;

    /// <summary>r¹ … r⁸.</summary>
    private readonly Vector256<float> powers;

    public GateFollower(float sampleRate)
    {
        pole = MathF.Exp(-1f / (Seconds * sampleRate));
        powers = VectorSine.Powers(pole) * pole;
    }

    public float Level { get; private set; } = 1f;

    /// <summary>Multiplies <paramref name="left"/> (and <paramref name="right"/>, unless empty) by the level as it follows <paramref name="target"/>.</summary>
    public void Apply(float target, Span<float> left, Span<float> right)
    {
        var frames = left.Length;
        var stereo = !right.IsEmpty;
        var n = 0;
        if (MathF.Abs(Level - target) >= 1e-6f && Vector256.IsHardwareAccelerated)
        {
            ref var l = ref MemoryMarshal.GetReference(left);
            ref var r = ref MemoryMarshal.GetReference(right);
            var (t, stepPower) = (Vector256.Create(target), powers.GetElement(Lanes - 1));
            for (; n + Lanes <= frames && MathF.Abs(Level - target) >= 1e-6f; n += Lanes)
            {
                var gains = t + (Vector256.Create(Level - target) * powers);
                (Vector256.LoadUnsafe(ref l, (nuint)n) * gains).StoreUnsafe(ref l, (nuint)n);
                if (stereo)
                {
                    (Vector256.LoadUnsafe(ref r, (nuint)n) * gains).StoreUnsafe(ref r, (nuint)n);
                }

                Level = target + ((Level - target) * stepPower);
            }
        }

        if (MathF.Abs(Level - target) < 1e-6f)
        {
            Level = target;
            if (target != 1f)
            {
                Mastering.SampleMath.Scale(left[n..], target);
                if (stereo)
                {
                    Mastering.SampleMath.Scale(right[n..], target);
                }
            }

            return;
        }

        for (; n < frames; n++)
        {
            Level = target + ((Level - target) * pole);
            left[n] *= Level;
            if (stereo)
            {
                right[n] *= Level;
            }
        }
    }
}
