using System.Runtime.Intrinsics;
using MusicGen.Engine.Effects;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// A stem bus's reverb: <see cref="Freeverb"/>, which from 44.1 kHz up runs at half the song's rate between a
/// <see cref="HalfRateDecimator"/> and two <see cref="HalfRateUpsampler"/>s, as the classic digital reverbs ran at
/// rates whose band ended near 10 kHz.
/// </summary>
/// <remarks>
/// The reverb is the render's largest single cost after the voices, and its tail is damped: above 8 kHz it holds
/// little a listener would miss, and the dry sound keeps its whole band. At half the rate the return keeps its length
/// and, with the damping set for the rate, its colour, for some 2–7 ms less per 30 s song. It comes back about 0.5 ms
/// later (the resamplers' lag), which the ear takes as part of the pre-delay.
/// </remarks>
internal sealed class StemReverb
{
    private readonly Freeverb reverb;
    private readonly HalfRateDecimator? decimator;
    private readonly HalfRateUpsampler? upLeft, upRight;
    private readonly float[] send = [], silence = [], wetLeft = [], wetRight = [], full = [];

    public StemReverb(int blockFrames, float sampleRate, float roomSize, float damping)
    {
        // Half of a lower rate would take the top of the tail's own band.
        if (sampleRate < 44100f)
        {
            reverb = new Freeverb(sampleRate, roomSize, damping);
            silence = new float[blockFrames];
            return;
        }

        reverb = new Freeverb(sampleRate / 2, roomSize, damping);
        decimator = new HalfRateDecimator(blockFrames);
        (upLeft, upRight) = (new HalfRateUpsampler(), new HalfRateUpsampler());
        var half = (blockFrames / 2) + 1;
        (send, silence, wetLeft, wetRight, full) = (new float[half], new float[half], new float[half], new float[half], new float[blockFrames + 1]);
    }

    /// <summary>Reads the mono send and adds the fully wet stereo return into <paramref name="left"/> and <paramref name="right"/>.</summary>
    public void Process(ReadOnlySpan<float> send, Span<float> left, Span<float> right)
    {
        if (decimator is null)
        {
            reverb.Process(send, silence.AsSpan(0, send.Length), left, right);
            return;
        }

        var frames = left.Length;
        var count = (frames + 1) / 2;
        var mono = this.send.AsSpan(0, count);
        decimator.Process(send[..frames], mono);
        var wl = wetLeft.AsSpan(0, count);
        var wr = wetRight.AsSpan(0, count);
        wl.Clear();
        wr.Clear();
        reverb.Process(mono, silence.AsSpan(0, count), wl, wr);
        AddUpsampled(upLeft!, wl, left);
        AddUpsampled(upRight!, wr, right);
    }

    private void AddUpsampled(HalfRateUpsampler upsampler, ReadOnlySpan<float> wet, Span<float> output)
    {
        var up = full.AsSpan(0, output.Length);
        upsampler.Process(wet, up, 0);
        var n = 0;
        for (; n + Vector256<float>.Count <= output.Length; n += Vector256<float>.Count)
        {
            (Vector256.Create<float>(output[n..]) + Vector256.Create<float>(up[n..])).CopyTo(output[n..]);
        }

        for (; n < output.Length; n++)
        {
            output[n] += up[n];
        }
    }
}
