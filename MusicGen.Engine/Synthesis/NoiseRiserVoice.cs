namespace MusicGen.Engine.Synthesis;

/// <summary>White noise through a band-pass sweeping upwards over the note, swelling in level: announces a section change.</summary>
public sealed class NoiseRiserVoice : Voice
{
    private readonly float sampleRate, gain, duration;
    private Noise noise;
    private Svf filter;
    private float time;
    private int counter;
    private bool released;
    private float release = 1f;

    public NoiseRiserVoice(in NoteContext note)
    {
        sampleRate = note.SampleRate;
        gain = note.Velocity;
        duration = Math.Max(0.25f, note.DurationSeconds);
        noise = new Noise(note.Seed);
    }

    public override void NoteOff() => released = true;

    public override bool Render(Span<float> output)
    {
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
}
