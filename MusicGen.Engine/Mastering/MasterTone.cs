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
    private readonly StereoSvf dcBlock;
    private readonly StereoSvf[] lowPass;
    private int position;

    public MasterTone(int sampleRate, long frames, GenreSound sound)
    {
        this.frames = checked((int)frames);
        dcBlock = new StereoSvf(20f, 0.7f, sampleRate, highPass: true);
        // Fourth-order Butterworth (two sections): a worn tape or sampler loses its top steeply, where a
        // second-order slope still lets the e-piano's and hats' upper partials through at 15–20 kHz.
        lowPass = sound.MasterLowPassHz > 0
            ? [new StereoSvf(sound.MasterLowPassHz, 0.5412f, sampleRate, highPass: false), new StereoSvf(sound.MasterLowPassHz, 1.3066f, sampleRate, highPass: false)]
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
    /// per frame: a fade of seconds would otherwise take a library cosine for every one of its frames.
    /// </summary>
    private static void Fade(Span<float> interleaved, int k, int count, int length, bool rising)
    {
        var step = Math.PI / length;
        var (cos, sin) = (Math.Cos(step * k), Math.Sin(step * k));
        var (stepCos, stepSin) = (Math.Cos(step), rising ? Math.Sin(step) : -Math.Sin(step));
        for (var n = 0; n < count; n++)
        {
            // At k = 0 exactly silent, where the rotation's rounding would leave some 1e-15.
            var fade = k + (rising ? n : -n) == 0 ? 0f : (float)(0.5 - 0.5 * cos);
            interleaved[2 * n] *= fade;
            interleaved[2 * n + 1] *= fade;
            (cos, sin) = ((cos * stepCos) - (sin * stepSin), (sin * stepCos) + (cos * stepSin));
        }
    }
}
