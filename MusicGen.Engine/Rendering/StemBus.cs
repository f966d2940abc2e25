using System.Runtime.Intrinsics;
using MusicGen.Engine.Effects;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// One stem's bus: the dry sum of its parts plus its own reverb and delay returns, so that every stem
/// carries its own space and the stems still sum exactly to the mix.
/// </summary>
internal sealed class StemBus
{
    // The reverb takes its send in mono, so the parts' sends to it are summed to mono as they come in.
    private readonly float[] left, right, reverbSend, delayLeft, delayRight;
    private readonly StemReverb reverb;
    private readonly StereoDelay delay;
    private readonly float reverbLevel;
    private float reverbScale = 1f;
    private bool hasReverb, hasDelay;
    private readonly VinylCrackle? crackle;

    public StemBus(int blockFrames, float sampleRate, GenreSound sound, double delaySeconds, bool vinyl, uint seed)
    {
        left = new float[blockFrames];
        right = new float[blockFrames];
        reverbSend = new float[blockFrames];
        delayLeft = new float[blockFrames];
        delayRight = new float[blockFrames];
        reverb = new StemReverb(blockFrames, sampleRate, sound.RoomSize, sound.Damping);
        delay = new StereoDelay(sampleRate, delaySeconds, sound.DelayFeedback);
        reverbLevel = sound.ReverbLevel;
        crackle = vinyl ? new VinylCrackle(sampleRate, seed) : null;
    }

    public ReadOnlySpan<float> Left => left;

    public ReadOnlySpan<float> Right => right;

    /// <summary>Quieter sections get more space: the reverb send scales with 1.25 − 0.5 × energy.</summary>
    public void Begin(int frames, float energy)
    {
        left.AsSpan(0, frames).Clear();
        right.AsSpan(0, frames).Clear();
        reverbSend.AsSpan(0, frames).Clear();
        delayLeft.AsSpan(0, frames).Clear();
        delayRight.AsSpan(0, frames).Clear();
        reverbScale = reverbLevel * (1.25f - 0.5f * energy);
    }

    /// <summary>
    /// Adds a part's block (<paramref name="l"/> × <paramref name="gainLeft"/>, <paramref name="r"/> × <paramref name="gainRight"/>)
    /// and its sends, each sample first multiplied by its duck gain when <paramref name="duck"/> is not empty. One pass
    /// reads the block once for all six targets; each target gets the same operations as when added alone.
    /// </summary>
    public void Add(ReadOnlySpan<float> l, ReadOnlySpan<float> r, float gainLeft, float gainRight, float reverbSend, float delaySend, ReadOnlySpan<float> duck = default)
    {
        var frames = l.Length;
        if (r.Length != frames || (!duck.IsEmpty && duck.Length != frames) || frames > left.Length)
        {
            throw new ArgumentException("The part's block, its duck gains and the bus must agree in length.");
        }

        var reverb = reverbSend > 0;
        var delay = delaySend > 0;
        var send = reverbSend * reverbScale;
        var (reverbGainLeft, reverbGainRight) = (gainLeft * send, gainRight * send);
        var (delayGainLeft, delayGainRight) = (gainLeft * delaySend, gainRight * delaySend);
        hasReverb |= reverb;
        hasDelay |= delay;
        var n = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            n = AddVectors(l, r, duck, gainLeft, gainRight, reverb, reverbGainLeft, reverbGainRight, delay, delayGainLeft, delayGainRight);
        }

        for (; n < frames; n++)
        {
            var (x, y) = duck.IsEmpty ? (l[n], r[n]) : (l[n] * duck[n], r[n] * duck[n]);
            left[n] += x * gainLeft;
            right[n] += y * gainRight;
            if (reverb)
            {
                this.reverbSend[n] += (x * reverbGainLeft) + (y * reverbGainRight);
            }

            if (delay)
            {
                delayLeft[n] += x * delayGainLeft;
                delayRight[n] += y * delayGainRight;
            }
        }
    }

    /// <summary>The vector part of <see cref="Add"/>; returns the frames done.</summary>
    private unsafe int AddVectors(
        ReadOnlySpan<float> l, ReadOnlySpan<float> r, ReadOnlySpan<float> duck, float gainLeft, float gainRight,
        bool reverb, float reverbLeftGain, float reverbRightGain, bool delay, float delayLeftGain, float delayRightGain)
    {
        var frames = l.Length - (l.Length % Vector256<float>.Count);
        var (gl, gr) = (Vector256.Create(gainLeft), Vector256.Create(gainRight));
        var (rl, rr) = (Vector256.Create(reverbLeftGain), Vector256.Create(reverbRightGain));
        var (dl, dr) = (Vector256.Create(delayLeftGain), Vector256.Create(delayRightGain));
        fixed (float* pl = l, pr = r, pd = duck)
        fixed (float* left = this.left, right = this.right, reverbSend = this.reverbSend, delayLeft = this.delayLeft, delayRight = this.delayRight)
        {
            var ducked = pd != null;
            for (var n = 0; n < frames; n += Vector256<float>.Count)
            {
                var x = Vector256.Load(pl + n);
                var y = Vector256.Load(pr + n);
                if (ducked)
                {
                    var g = Vector256.Load(pd + n);
                    x *= g;
                    y *= g;
                }

                (Vector256.Load(left + n) + x * gl).Store(left + n);
                (Vector256.Load(right + n) + y * gr).Store(right + n);
                if (reverb)
                {
                    (Vector256.Load(reverbSend + n) + ((x * rl) + (y * rr))).Store(reverbSend + n);
                }

                if (delay)
                {
                    (Vector256.Load(delayLeft + n) + x * dl).Store(delayLeft + n);
                    (Vector256.Load(delayRight + n) + y * dr).Store(delayRight + n);
                }
            }
        }

        return frames;
    }

    public void Finish(int frames)
    {
        var l = left.AsSpan(0, frames);
        var r = right.AsSpan(0, frames);
        if (hasDelay)
        {
            delay.Process(delayLeft.AsSpan(0, frames), delayRight.AsSpan(0, frames), l, r);
            // The delay's send feeds the reverb too: reverb += (0.3 × delay send) × reverb scale.
            var n = 0;
            var (share, scale) = (Vector256.Create(0.3f), Vector256.Create(reverbScale));
            for (; n + Vector256<float>.Count <= frames; n += Vector256<float>.Count)
            {
                var delayed = Vector256.Create<float>(delayLeft.AsSpan(n)) + Vector256.Create<float>(delayRight.AsSpan(n));
                (Vector256.Create<float>(reverbSend.AsSpan(n)) + (share * delayed * scale)).CopyTo(reverbSend.AsSpan(n));
            }

            for (; n < frames; n++)
            {
                reverbSend[n] += 0.3f * (delayLeft[n] + delayRight[n]) * reverbScale;
            }
        }

        if (hasReverb)
        {
            reverb.Process(reverbSend.AsSpan(0, frames), l, r);
        }

        crackle?.Add(l, r);
    }
}
