using System.Runtime.Intrinsics;
using MusicGen.Engine.Effects;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// One stem's bus: the dry sum of its parts plus its own reverb and delay returns, so that every stem
/// carries its own space and the stems still sum exactly to the mix.
/// </summary>
internal sealed class StemBus
{
    private readonly float[] left, right, reverbLeft, reverbRight, delayLeft, delayRight;
    private readonly Freeverb reverb;
    private readonly StereoDelay delay;
    private readonly float reverbLevel;
    private float reverbScale = 1f;
    private bool hasReverb, hasDelay;
    private Noise crackle;
    private readonly bool vinyl;
    private readonly float crackleA1, crackleA2, crackleA3;
    private readonly float[] hiss, pop;
    private float crackleIc1, crackleIc2;

    public StemBus(int blockFrames, float sampleRate, GenreSound sound, double delaySeconds, bool vinyl, uint seed)
    {
        left = new float[blockFrames];
        right = new float[blockFrames];
        reverbLeft = new float[blockFrames];
        reverbRight = new float[blockFrames];
        delayLeft = new float[blockFrames];
        delayRight = new float[blockFrames];
        reverb = new Freeverb(sampleRate, sound.RoomSize, sound.Damping);
        delay = new StereoDelay(sampleRate, delaySeconds, sound.DelayFeedback);
        reverbLevel = sound.ReverbLevel;
        this.vinyl = vinyl;
        crackle = new Noise(seed);
        (crackleA1, crackleA2, crackleA3, _) = Svf.Coefficients(3000f, 0.7f, sampleRate);
        hiss = vinyl ? new float[blockFrames] : [];
        pop = vinyl ? new float[blockFrames] : [];
    }

    public ReadOnlySpan<float> Left => left;

    public ReadOnlySpan<float> Right => right;

    /// <summary>Quieter sections get more space: the reverb send scales with 1.25 − 0.5 × energy.</summary>
    public void Begin(int frames, float energy)
    {
        left.AsSpan(0, frames).Clear();
        right.AsSpan(0, frames).Clear();
        reverbLeft.AsSpan(0, frames).Clear();
        reverbRight.AsSpan(0, frames).Clear();
        delayLeft.AsSpan(0, frames).Clear();
        delayRight.AsSpan(0, frames).Clear();
        reverbScale = reverbLevel * (1.25f - 0.5f * energy);
    }

    /// <summary>Adds a part's block (<paramref name="l"/> × <paramref name="gainLeft"/>, <paramref name="r"/> × <paramref name="gainRight"/>) and its sends.</summary>
    public void Add(ReadOnlySpan<float> l, ReadOnlySpan<float> r, float gainLeft, float gainRight, float reverbSend, float delaySend)
    {
        SampleMath.AddScaled(l, left, gainLeft);
        SampleMath.AddScaled(r, right, gainRight);
        if (reverbSend > 0)
        {
            var send = reverbSend * reverbScale;
            SampleMath.AddScaled(l, reverbLeft, gainLeft * send);
            SampleMath.AddScaled(r, reverbRight, gainRight * send);
            hasReverb = true;
        }

        if (delaySend > 0)
        {
            SampleMath.AddScaled(l, delayLeft, gainLeft * delaySend);
            SampleMath.AddScaled(r, delayRight, gainRight * delaySend);
            hasDelay = true;
        }
    }

    public void Finish(int frames)
    {
        var l = left.AsSpan(0, frames);
        var r = right.AsSpan(0, frames);
        if (hasDelay)
        {
            delay.Process(delayLeft.AsSpan(0, frames), delayRight.AsSpan(0, frames), l, r);
            for (var n = 0; n < frames; n++)
            {
                reverbLeft[n] += 0.3f * delayLeft[n] * reverbScale;
                reverbRight[n] += 0.3f * delayRight[n] * reverbScale;
            }
        }

        if (hasReverb)
        {
            reverb.Process(reverbLeft.AsSpan(0, frames), reverbRight.AsSpan(0, frames), l, r);
        }

        if (vinyl)
        {
            AddCrackle(l, r);
        }
    }

    /// <summary>
    /// Vinyl hiss (white noise through a 3 kHz low-pass) and rare pops. The noise and the filter are a recursion
    /// sample by sample, kept in locals; adding them to the bus is a vector pass.
    /// </summary>
    private void AddCrackle(Span<float> l, Span<float> r)
    {
        var hisses = hiss.AsSpan(0, l.Length);
        var pops = pop.AsSpan(0, l.Length);
        var noise = crackle;
        var (a1, a2, a3) = (crackleA1, crackleA2, crackleA3);
        var (ic1, ic2) = (crackleIc1, crackleIc2);
        for (var n = 0; n < hisses.Length; n++)
        {
            // The trapezoidal SVF's low-pass output, as Svf.LowPass computes it.
            var v3 = noise.Next() - ic2;
            var v1 = a1 * ic1 + a2 * v3;
            var v2 = ic2 + a2 * ic1 + a3 * v3;
            ic1 = 2f * v1 - ic1;
            ic2 = 2f * v2 - ic2;
            hisses[n] = v2 * 0.004f;
            pops[n] = noise.NextUnit() > 0.9997f ? noise.Next() * 0.05f : 0f;
        }

        crackle = noise;
        (crackleIc1, crackleIc2) = (ic1, ic2);
        var popRight = Vector256.Create(0.8f);
        var i = 0;
        for (; i + Vector256<float>.Count <= l.Length; i += Vector256<float>.Count)
        {
            var h = Vector256.Create<float>(hisses[i..]);
            var p = Vector256.Create<float>(pops[i..]);
            (Vector256.Create<float>(l[i..]) + (h + p)).CopyTo(l[i..]);
            (Vector256.Create<float>(r[i..]) + (h + p * popRight)).CopyTo(r[i..]);
        }

        for (; i < l.Length; i++)
        {
            l[i] += hisses[i] + pops[i];
            r[i] += hisses[i] + pops[i] * 0.8f;
        }
    }
}
