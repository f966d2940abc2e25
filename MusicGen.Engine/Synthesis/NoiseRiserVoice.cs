namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Announces a section change. White noise through a band-pass sweeping upwards over the note, swelling in level;
/// or, for a note on <see cref="CymbalSwellPitch"/>, a reversed crash: the cymbal's decay played backwards, so it
/// grows from nothing, brightening, and stops dead on the next downbeat.
/// </summary>
public sealed class NoiseRiserVoice : Voice
{
    /// <summary>The riser note that asks for a cymbal swell (General MIDI's crash cymbal 1).</summary>
    public const int CymbalSwellPitch = 49;

    // A longer, slower crash than a kit's, so the swell starts from well below the music: −40 dB 3.7 s before its peak.
    private static readonly DrumKitStyle SwellCymbal = DrumKitStyle.For(Scores.Genre.Cinematic) with { CrashDecay = 1f, CrashLength = 4f };

    // The riser part sits low in the mix (a noise sweep is loud for its level); the swell's peak stands in for a crash,
    // so it is lifted to the level of the kit's crash (over a crescendo roll it must stand out, not hide).
    private const float SwellLevel = 11f;

    private readonly float sampleRate, gain, duration;
    private readonly float[]? swell;
    private Noise noise;
    private Svf filter;
    private float time;
    private int counter, position;
    private bool released;
    private float release = 1f;

    public NoiseRiserVoice(in NoteContext note)
    {
        sampleRate = note.SampleRate;
        gain = note.Velocity;
        duration = Math.Max(0.25f, note.DurationSeconds);
        noise = new Noise(note.Seed);
        if (note.Pitch == CymbalSwellPitch)
        {
            swell = ReversedCrash(note);
        }
    }

    public override void NoteOff() => released = true;

    public override bool Render(Span<float> output)
    {
        if (swell is not null)
        {
            // The swell ends on the note's end (its peak is the downbeat), so the note-off does not cut it short.
            var count = Math.Min(output.Length, swell.Length - position);
            Mastering.SampleMath.AddScaled(swell.AsSpan(position, count), output, gain * SwellLevel);
            position += count;
            return position < swell.Length;
        }

        var dt = 1f / sampleRate;
        var releaseCoef = MathF.Exp(-1f / (0.05f * sampleRate));
        for (var n = 0; n < output.Length; n++)
        {
            var progress = Math.Min(1f, time / duration);
            if (--counter <= 0)
            {
                counter = 32;
                filter.Set(300f * MathF.Pow(2f, 5f * progress), 2f, sampleRate);
            }

            if (released)
            {
                release *= releaseCoef;
            }

            output[n] += filter.BandPass(noise.Next()) * progress * progress * gain * release * 0.8f;
            time += dt;
        }

        return release > 1e-4f;
    }

    /// <summary>
    /// A crash rendered forwards for the note's length (at most the crash's own), reversed, with a 5 ms fade at its
    /// loud end so the cut on the downbeat does not click; shorter notes start later in the crash's decay.
    /// </summary>
    private float[] ReversedCrash(in NoteContext note)
    {
        var crash = new DrumVoice(DrumSound.Crash, SwellCymbal, note with { Velocity = 1f });
        var frames = Math.Max(1, (int)(Math.Min(duration, crash.LengthSeconds) * sampleRate));
        var samples = new float[frames];
        crash.Render(samples);
        Array.Reverse(samples);
        var fade = Math.Min(frames / 4, (int)(0.005f * sampleRate));
        for (var i = 0; i < fade; i++)
        {
            samples[frames - 1 - i] *= (float)i / fade;
        }

        // Shorter than the note: wait in silence, so the peak still lands on the note's end.
        var lead = (int)(duration * sampleRate) - frames;
        if (lead <= 0)
        {
            return samples;
        }

        var padded = new float[lead + frames];
        samples.CopyTo(padded, lead);
        return padded;
    }
}
