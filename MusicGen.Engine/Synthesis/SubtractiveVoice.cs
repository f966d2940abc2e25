namespace MusicGen.Engine.Synthesis;

/// <summary>PolyBLEP oscillators (optionally a detuned unison stack) through a Cytomic SVF and an ADSR, with portamento.</summary>
public sealed class SubtractiveVoice : Voice
{
    private const int ControlInterval = 32;

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
    private readonly float glideOctaves, glideSeconds;

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
        glideOctaves = (note.GlideFrom - note.Pitch) / 12f;
        glideSeconds = note.GlideSeconds;
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

    /// <summary>
    /// Works in control blocks of <see cref="ControlInterval"/> samples: filter cutoff and vibrato are
    /// updated once per block, each oscillator runs its own tight loop, then filter and envelope.
    /// </summary>
    public override bool Render(Span<float> output)
    {
        Span<float> block = stackalloc float[ControlInterval];
        var dt = 1f / sampleRate;
        var vibratoDepth = patch.VibratoCents / 1200f * 0.6931472f;
        for (var start = 0; start < output.Length && !amp.IsIdle; start += ControlInterval)
        {
            var count = Math.Min(ControlInterval, output.Length - start);
            var x = block[..count];
            x.Clear();
            UpdateFilter();
            var vibrato = 1f;
            if (vibratoDepth > 0 && time > patch.VibratoDelay)
            {
                vibratoPhase += patch.VibratoHz * dt * count;
                vibratoPhase -= MathF.Floor(vibratoPhase);
                vibrato = 1f + vibratoDepth * SineTable.Sin(vibratoPhase) * MathF.Min(1f, (time - patch.VibratoDelay) * 2f);
            }

            // Portamento: the pitch slides linearly in semitones from the previous note's, as a 303's slide does.
            if (glideSeconds > 0 && time < glideSeconds)
            {
                vibrato *= MathF.Pow(2f, glideOctaves * (1f - (time / glideSeconds)));
            }

            for (var i = 0; i < phases.Length; i++)
            {
                phases[i] = Oscillate(patch.Wave, x, phases[i], increments[i] * vibrato, unisonGain);
            }

            if (patch.SubLevel > 0)
            {
                subPhase = Oscillate(Waveform.Sine, x, subPhase, subIncrement * vibrato, patch.SubLevel);
            }

            var y = output.Slice(start, count);
            for (var n = 0; n < count; n++)
            {
                var v = patch.BandPass ? filter.BandPass(x[n]) : filter.LowPass(x[n]);
                if (patch.FormantHz > 0)
                {
                    v = 0.6f * v + formant.BandPass(v);
                }

                y[n] += v * amp.Next() * gain;
            }

            time += dt * count;
        }

        return !amp.IsIdle;
    }

    /// <summary>Adds one oscillator times <paramref name="level"/> into <paramref name="output"/>; returns the phase after it.</summary>
    private static float Oscillate(Waveform wave, Span<float> output, float phase, float increment, float level)
    {
        var t = phase;
        switch (wave)
        {
            case Waveform.Saw or Waveform.Square:
                return PolyBlep.Add(output, phase, increment, level, wave == Waveform.Square);
            case Waveform.Triangle:
                for (var n = 0; n < output.Length; n++)
                {
                    output[n] += (4f * MathF.Abs(t - 0.5f) - 1f) * level;
                    t += increment;
                    t = t >= 1f ? t - 1f : t;
                }

                break;
            default:
                for (var n = 0; n < output.Length; n++)
                {
                    output[n] += SineTable.Sin(t) * level;
                    t += increment;
                    t = t >= 1f ? t - 1f : t;
                }

                break;
        }

        return t;
    }
}
