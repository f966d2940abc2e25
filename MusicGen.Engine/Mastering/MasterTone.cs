using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MusicGen.Engine.Rendering;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The master's first stage, block by block in song order: DC blocking, the genre's tone (lo-fi
/// low-pass) and cosine fades in and out, metering the result's integrated loudness. It needs only the
/// song's length, so it runs on each block as the render produces it.
/// </summary>
internal sealed class MasterTone
{
    private readonly int frames, fadeIn, fadeOut;
    private readonly LoudnessMeter meter;
    private readonly StereoDcBlocker dcBlock;
    private readonly StereoSvf[] lowPass;
    private int position;

    public MasterTone(int sampleRate, long frames, GenreSound sound)
    {
        this.frames = checked((int)frames);
        dcBlock = new StereoDcBlocker(10f, sampleRate);
        // Fourth-order Butterworth (two sections): a worn tape or sampler loses its top steeply, where a
        // second-order slope still lets the e-piano's and hats' upper partials through at 15–20 kHz.
        lowPass = sound.MasterLowPassHz > 0
            ? [new StereoSvf(sound.MasterLowPassHz, 0.5412f, sampleRate), new StereoSvf(sound.MasterLowPassHz, 1.3066f, sampleRate)]
            : [];
        var seconds = frames / (double)sampleRate;
        fadeIn = (int)(Math.Min(sound.FadeInSeconds, seconds * 0.15) * sampleRate);
        fadeOut = (int)(Math.Min(sound.FadeOutSeconds, seconds * 0.25) * sampleRate);
        meter = new LoudnessMeter(sampleRate);
    }

    /// <summary>The loudness of everything processed so far.</summary>
    public LoudnessMeter Meter => meter;

    /// <summary>Processes the next frames of the song in place.</summary>
    public void Process(Span<float> interleaved)
    {
        dcBlock.Process(interleaved);
        foreach (var section in lowPass)
        {
            section.Process(interleaved);
        }

        // The fades touch only the frames inside them.
        var first = position;
        var end = first + interleaved.Length / 2;
        if (first < fadeIn)
        {
            Fade(interleaved, first, Math.Min(end, fadeIn) - first, fadeIn, rising: true);
        }

        var fadeOutStart = Math.Max(first, frames - fadeOut);
        if (fadeOutStart < end)
        {
            Fade(interleaved[(2 * (fadeOutStart - first))..], frames - 1 - fadeOutStart, end - fadeOutStart, fadeOut, rising: false);
        }

        position = end;
        meter.Add(interleaved);
    }

    /// <summary>
    /// A raised-cosine fade, 0.5 − 0.5·cos(π·k / <paramref name="length"/>), over <paramref name="count"/> frames from
    /// k = <paramref name="k"/>, k rising by one a frame or falling. The cosine is turned on by a rotation, not taken
    /// per frame: a fade of seconds would otherwise take a library cosine for every one of its frames. Four frames per
    /// step, each lane's phasor turned by four frames' angle (in double, so the rounding does not build up over the
    /// hundreds of thousands of frames of a long fade).
    /// </summary>
    private static void Fade(Span<float> interleaved, int k, int count, int length, bool rising)
    {
        var step = Math.PI / length;
        var sign = rising ? 1 : -1;
        var n = 0;
        if (Vector256.IsHardwareAccelerated && count >= Lanes)
        {
            Span<double> re = stackalloc double[Lanes];
            Span<double> im = stackalloc double[Lanes];
            for (var j = 0; j < Lanes; j++)
            {
                (re[j], im[j]) = (Math.Cos(step * (k + (sign * j))), Math.Sin(step * (k + (sign * j))));
            }

            var (cos, sin) = (Vector256.Create<double>(re), Vector256.Create<double>(im));
            var (turnCos, turnSin) = (Vector256.Create(Math.Cos(Lanes * step)), Vector256.Create(sign * Math.Sin(Lanes * step)));
            var half = Vector256.Create(0.5);
            ref var samples = ref MemoryMarshal.GetReference(interleaved);
            for (; n + Lanes <= count; n += Lanes)
            {
                var fade = Vector256.Narrow(half - (half * cos), half - (half * cos)).GetLower();

                // Each frame's gain on both its samples: f0 f0 f1 f1 f2 f2 f3 f3.
                var gains = Vector256.Create(Vector128.Shuffle(fade, Vector128.Create(0, 0, 1, 1)), Vector128.Shuffle(fade, Vector128.Create(2, 2, 3, 3)));
                (Vector256.LoadUnsafe(ref samples, (nuint)(2 * n)) * gains).StoreUnsafe(ref samples, (nuint)(2 * n));
                (cos, sin) = ((cos * turnCos) - (sin * turnSin), (sin * turnCos) + (cos * turnSin));
            }
        }

        var (c, s) = (Math.Cos(step * (k + (sign * n))), Math.Sin(step * (k + (sign * n))));
        var (stepCos, stepSin) = (Math.Cos(step), sign * Math.Sin(step));
        for (; n < count; n++)
        {
            var fade = (float)(0.5 - 0.5 * c);
            interleaved[2 * n] *= fade;
            interleaved[2 * n + 1] *= fade;
            (c, s) = ((c * stepCos) - (s * stepSin), (s * stepCos) + (c * stepSin));
        }

        // At k = 0 exactly silent, where the rotation's rounding would leave some 1e-15.
        var zero = rising ? -k : k;
        if (zero >= 0 && zero < count)
        {
            interleaved[2 * zero] = 0f;
            interleaved[(2 * zero) + 1] = 0f;
        }
    }

    private const int Lanes = 4;
}
