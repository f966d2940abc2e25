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
    private Svf crackleTone;

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
        crackleTone.Set(3000f, 0.7f, sampleRate);
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

    private void AddCrackle(Span<float> l, Span<float> r)
    {
        for (var n = 0; n < l.Length; n++)
        {
            var hiss = crackleTone.LowPass(crackle.Next()) * 0.004f;
            var pop = crackle.NextUnit() > 0.9997f ? crackle.Next() * 0.05f : 0f;
            l[n] += hiss + pop;
            r[n] += hiss + pop * 0.8f;
        }
    }
}
