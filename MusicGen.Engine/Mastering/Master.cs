using MusicGen.Engine.Effects;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The master bus: DC blocking and genre tone, clean fades, glue compression, then loudness
/// normalisation to −14 LUFS integrated (our BS.1770-4 meter) through a true-peak lookahead limiter
/// with its ceiling below −1 dBTP.
/// </summary>
public static class Master
{
    public const double TargetLufs = -14.0;

    /// <summary>Internal ceiling, a little under the −1 dBTP promise so other meters' interpolators agree.</summary>
    public const double CeilingDbtp = -1.5;

    private const int Chunk = 4096;

    /// <summary>Masters a copy of the mix (the mix stays as rendered).</summary>
    public static (float[] Audio, MasteringReport Report) Process(RenderedMix mix, Genre genre, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return ProcessInPlace(mix with { Mix = (float[])mix.Mix.Clone() }, genre, cancellationToken);
    }

    /// <summary>Masters the mix's own buffer and returns it: no second song-long buffer.</summary>
    public static (float[] Audio, MasteringReport Report) ProcessInPlace(RenderedMix mix, Genre genre, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mix);
        var sampleRate = mix.SampleRate;
        var audio = mix.Mix;
        var sound = GenreSound.For(genre);
        var raw = ToneAndFades(audio, sampleRate, sound);
        cancellationToken.ThrowIfCancellationRequested();
        if (!double.IsFinite(raw))
        {
            throw new ArgumentException("The score produced no audible sound: give it at least one part with notes.", nameof(mix));
        }

        var preGain = (float)Math.Pow(10.0, (-18.0 - raw) / 20.0);
        var glue = new Compressor(sampleRate, -10f, 2f, 6f, 15f, 200f);
        var meter = new LoudnessMeter(sampleRate);
        for (var start = 0; start < audio.Length; start += Chunk * 2)
        {
            var block = audio.AsSpan(start, Math.Min(Chunk * 2, audio.Length - start));
            SampleMath.Scale(block, preGain);
            glue.Process(block);
            meter.Add(block);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var gainDb = TargetLufs - meter.IntegratedLufs;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            // The limiter takes away more as the gain rises, so converge on the gain that lands on target.
            var error = TargetLufs - LimitedLoudness(audio, sampleRate, gainDb);
            if (Math.Abs(error) < 0.05)
            {
                break;
            }

            gainDb += error;
            cancellationToken.ThrowIfCancellationRequested();
        }
        cancellationToken.ThrowIfCancellationRequested();

        var limiter = new LookaheadLimiter(sampleRate, CeilingDbtp);
        var gain = (float)Math.Pow(10.0, gainDb / 20.0);
        limiter.Process(audio, gain);
        var latency = Math.Min(limiter.Latency * 2, audio.Length);
        Array.Copy(audio, latency, audio, 0, audio.Length - latency);
        limiter.Flush(audio.AsSpan(audio.Length - latency));

        var report = new MasteringReport(LoudnessMeter.Measure(audio, sampleRate), TruePeakDetector.MeasureDbtp(audio), gainDb + 20 * Math.Log10(preGain));
        return (audio, report);
    }

    /// <summary>Loudness the limiter would produce at this gain, without touching the audio.</summary>
    private static double LimitedLoudness(float[] audio, int sampleRate, double gainDb)
    {
        var limiter = new LookaheadLimiter(sampleRate, CeilingDbtp);
        var meter = new LoudnessMeter(sampleRate);
        var gain = (float)Math.Pow(10.0, gainDb / 20.0);
        var scratch = new float[Chunk * 2];
        for (var start = 0; start < audio.Length; start += scratch.Length)
        {
            var count = Math.Min(scratch.Length, audio.Length - start);
            var block = scratch.AsSpan(0, count);
            audio.AsSpan(start, count).CopyTo(block);
            limiter.Process(block, gain);
            meter.Add(block);
        }

        return meter.IntegratedLufs;
    }

    /// <summary>DC blocking, genre tone and fades in place; returns the integrated loudness of the result.</summary>
    private static double ToneAndFades(float[] audio, int sampleRate, GenreSound sound)
    {
        var frames = audio.Length / 2;
        Svf dcLeft = default, dcRight = default, toneLeft = default, toneRight = default;
        dcLeft.Set(20f, 0.7f, sampleRate);
        dcRight.Set(20f, 0.7f, sampleRate);
        var lowPass = sound.MasterLowPassHz > 0;
        if (lowPass)
        {
            toneLeft.Set(sound.MasterLowPassHz, 0.7f, sampleRate);
            toneRight.Set(sound.MasterLowPassHz, 0.7f, sampleRate);
        }

        var seconds = frames / (double)sampleRate;
        var fadeIn = (int)(Math.Min(sound.FadeInSeconds, seconds * 0.15) * sampleRate);
        var fadeOut = (int)(Math.Min(sound.FadeOutSeconds, seconds * 0.25) * sampleRate);
        var meter = new LoudnessMeter(sampleRate);
        for (var chunk = 0; chunk < frames; chunk += Chunk)
        {
            var end = Math.Min(frames, chunk + Chunk);
            for (var n = chunk; n < end; n++)
            {
                var l = dcLeft.HighPass(audio[2 * n]);
                var r = dcRight.HighPass(audio[2 * n + 1]);
                if (lowPass)
                {
                    l = toneLeft.LowPass(l);
                    r = toneRight.LowPass(r);
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

                audio[2 * n] = l * fade;
                audio[2 * n + 1] = r * fade;
            }

            meter.Add(audio.AsSpan(2 * chunk, 2 * (end - chunk)));
        }

        return meter.IntegratedLufs;
    }
}
