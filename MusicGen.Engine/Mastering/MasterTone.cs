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
        for (var n = first; n < Math.Min(end, fadeIn); n++)
        {
            var fade = 0.5f - 0.5f * MathF.Cos(MathF.PI * n / fadeIn);
            interleaved[2 * (n - first)] *= fade;
            interleaved[2 * (n - first) + 1] *= fade;
        }

        for (var n = Math.Max(first, frames - fadeOut); n < end; n++)
        {
            var fromEnd = frames - 1 - n;
            var fade = 0.5f - 0.5f * MathF.Cos(MathF.PI * fromEnd / fadeOut);
            interleaved[2 * (n - first)] *= fade;
            interleaved[2 * (n - first) + 1] *= fade;
        }

        position = end;
        meter.Add(interleaved);
    }
}
