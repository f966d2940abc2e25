using MusicGen.Engine.Rendering;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The master's first stage, sample by sample in song order: DC blocking, the genre's tone (lo-fi
/// low-pass) and cosine fades in and out, metering the result's integrated loudness. It needs only the
/// song's length, so it runs on each block as the render produces it.
/// </summary>
internal sealed class MasterTone
{
    private readonly bool lowPass;
    private readonly int frames, fadeIn, fadeOut;
    private readonly LoudnessMeter meter;
    private Svf dcLeft, dcRight, toneLeft, toneRight;
    private int position;

    public MasterTone(int sampleRate, long frames, GenreSound sound)
    {
        this.frames = checked((int)frames);
        dcLeft.Set(20f, 0.7f, sampleRate);
        dcRight.Set(20f, 0.7f, sampleRate);
        lowPass = sound.MasterLowPassHz > 0;
        if (lowPass)
        {
            toneLeft.Set(sound.MasterLowPassHz, 0.7f, sampleRate);
            toneRight.Set(sound.MasterLowPassHz, 0.7f, sampleRate);
        }

        var seconds = frames / (double)sampleRate;
        fadeIn = (int)(Math.Min(sound.FadeInSeconds, seconds * 0.15) * sampleRate);
        fadeOut = (int)(Math.Min(sound.FadeOutSeconds, seconds * 0.25) * sampleRate);
        meter = new LoudnessMeter(sampleRate);
    }

    /// <summary>Integrated loudness of everything processed so far (−∞ when silent).</summary>
    public double IntegratedLufs => meter.IntegratedLufs;

    /// <summary>Processes the next frames of the song in place.</summary>
    public void Process(Span<float> interleaved)
    {
        // Filter state in locals for the loop (struct fields of a class would be reloaded every sample).
        var (dcL, dcR, toneL, toneR) = (dcLeft, dcRight, toneLeft, toneRight);
        var first = position;
        var end = first + interleaved.Length / 2;
        for (var n = first; n < end; n++)
        {
            var i = 2 * (n - first);
            var l = dcL.HighPass(interleaved[i]);
            var r = dcR.HighPass(interleaved[i + 1]);
            if (lowPass)
            {
                l = toneL.LowPass(l);
                r = toneR.LowPass(r);
            }

            var fade = 1f;
            if (n < fadeIn)
            {
                fade = 0.5f - 0.5f * MathF.Cos(MathF.PI * n / fadeIn);
            }

            var fromEnd = frames - 1 - n;
            if (fromEnd < fadeOut)
            {
                fade *= 0.5f - 0.5f * MathF.Cos(MathF.PI * fromEnd / fadeOut);
            }

            interleaved[i] = l * fade;
            interleaved[i + 1] = r * fade;
        }

        (dcLeft, dcRight, toneLeft, toneRight) = (dcL, dcR, toneL, toneR);
        position = end;
        meter.Add(interleaved);
    }
}
