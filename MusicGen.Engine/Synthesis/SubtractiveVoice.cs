namespace MusicGen.Engine.Synthesis;

/// <summary>PolyBLEP oscillators (optionally a detuned unison stack) through a Cytomic SVF and an ADSR.</summary>
public sealed class SubtractiveVoice : Voice
{
    private const int ControlInterval = 16;

    private readonly SubtractivePatch patch;
    private readonly float sampleRate;
    private readonly float[] phases;
    private readonly float[] increments;
    private readonly float baseCutoff;
    private readonly float gain;
    private readonly float unisonGain;
    private Svf filter;
    private Svf formant;
    private Adsr amp;
    private float subPhase, subIncrement;
    private float time, vibratoPhase;
    private int controlCounter;

    public SubtractiveVoice(SubtractivePatch patch, in NoteContext note)
    {
        this.patch = patch;
        sampleRate = note.SampleRate;
        var frequency = MidiToHz(note.Pitch);
        var count = Math.Max(1, patch.Unison);
        phases = new float[count];
        increments = new float[count];
        var noise = new Noise(note.Seed);
        for (var i = 0; i < count; i++)
        {
            var spread = count == 1 ? 0f : (i / (float)(count - 1)) * 2f - 1f;
            var cents = spread * patch.DetuneCents;
            increments[i] = frequency * MathF.Pow(2f, cents / 1200f) / sampleRate;
            phases[i] = count == 1 ? 0f : noise.NextUnit();
        }

        subIncrement = frequency * 0.5f / sampleRate;
        unisonGain = 1f / MathF.Sqrt(count);
        var keyTrack = MathF.Pow(frequency / 261.6f, patch.KeyTrack);
        baseCutoff = patch.Cutoff * keyTrack * MathF.Pow(2f, (note.Energy - 0.5f) * patch.EnergyOctaves);
        gain = patch.Level * note.Velocity;
        amp = new Adsr(patch.Attack, patch.Decay, patch.Sustain, patch.Release, sampleRate);
        if (patch.FormantHz > 0)
        {
            formant.Set(patch.FormantHz, 2.5f, sampleRate);
        }

        UpdateFilter();
    }

    public override void NoteOff() => amp.Release();

    private void UpdateFilter()
    {
        var envelope = patch.FilterAttack > 0 && time < patch.FilterAttack
            ? time / patch.FilterAttack
            : MathF.Exp(-Math.Max(0f, time - patch.FilterAttack) / Math.Max(patch.FilterDecay, 1e-3f));
        var cutoff = baseCutoff * MathF.Pow(2f, patch.FilterEnvOctaves * envelope);
        filter.Set(cutoff, patch.Resonance, sampleRate);
    }

    public override bool Render(Span<float> output)
    {
        var dt = 1f / sampleRate;
        var vibratoDepth = patch.VibratoCents / 1200f * 0.6931472f;
        var wave = patch.Wave;
        for (var n = 0; n < output.Length; n++)
        {
            if (--controlCounter <= 0)
            {
                controlCounter = ControlInterval;
                UpdateFilter();
            }

            var vibrato = 1f;
            if (vibratoDepth > 0 && time > patch.VibratoDelay)
            {
                vibratoPhase += patch.VibratoHz * dt;
                vibrato = 1f + vibratoDepth * SineTable.Sin(vibratoPhase) * MathF.Min(1f, (time - patch.VibratoDelay) * 2f);
            }

            var sum = 0f;
            for (var i = 0; i < phases.Length; i++)
            {
                var inc = increments[i] * vibrato;
                var t = phases[i];
                sum += wave == Waveform.Saw ? PolyBlep.Saw(t, inc)
                    : wave == Waveform.Square ? PolyBlep.Square(t, inc)
                    : wave == Waveform.Triangle ? 4f * MathF.Abs(t - 0.5f) - 1f
                    : SineTable.Sin(t);
                t += inc;
                if (t >= 1f)
                {
                    t -= 1f;
                }

                phases[i] = t;
            }

            var x = sum * unisonGain;
            if (patch.SubLevel > 0)
            {
                x += patch.SubLevel * SineTable.Sin(subPhase);
                subPhase += subIncrement * vibrato;
                if (subPhase >= 1f)
                {
                    subPhase -= 1f;
                }
            }

            var y = patch.BandPass ? filter.BandPass(x) : filter.LowPass(x);
            if (patch.FormantHz > 0)
            {
                y = 0.6f * y + formant.BandPass(y);
            }

            output[n] += y * amp.Next() * gain;
            time += dt;
        }

        return !amp.IsIdle;
    }
}
