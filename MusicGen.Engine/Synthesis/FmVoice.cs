namespace MusicGen.Engine.Synthesis;

/// <summary>FM e-piano and bells: a decaying modulation index makes the attack bright and the tail pure.</summary>
public sealed class FmVoice : Voice
{
    private readonly FmPatch patch;
    private readonly float carrierIncrement, modulatorIncrement, tineIncrement, detunedIncrement;
    private readonly float indexDecayCoef, ampDecayCoef, releaseCoef, gain, sampleRate;
    private float carrier, carrier2, modulator, tine, index, level, tremolo;
    private float tineLevel;
    private bool released;

    public FmVoice(FmPatch patch, in NoteContext note)
    {
        this.patch = patch;
        sampleRate = note.SampleRate;
        var frequency = MidiToHz(note.Pitch);
        carrierIncrement = frequency / sampleRate;
        detunedIncrement = carrierIncrement * (1f + patch.Detune);
        modulatorIncrement = carrierIncrement * patch.Ratio;
        tineIncrement = carrierIncrement * patch.TineRatio;
        // Fewer sidebands on high notes keeps them below Nyquist (no folded, inharmonic fizz).
        var keyScale = Math.Min(1f, 600f / (frequency * Math.Max(1f, patch.Ratio)));
        index = patch.Index * (0.5f + 0.7f * note.Velocity) * (0.8f + 0.4f * note.Energy) * (0.35f + 0.65f * keyScale);
        indexDecayCoef = MathF.Exp(-1f / (patch.IndexDecay * sampleRate));
        var decay = patch.Decay * MathF.Pow(261.6f / frequency, 0.35f);
        ampDecayCoef = MathF.Exp(-1f / (decay * sampleRate));
        releaseCoef = MathF.Exp(-1f / (patch.Release * sampleRate));
        gain = patch.Level * note.Velocity;
        level = 1f;
        tineLevel = patch.TineLevel;
    }

    public override void NoteOff() => released = true;

    /// <summary>State in locals for the loop; phases wrap by subtraction (increments are below 1).</summary>
    public override bool Render(Span<float> output)
    {
        // The tine's level is the voice's state: it decays once over the note (it used to restart with every block).
        var tineLevel = this.tineLevel;
        var tineDecay = indexDecayCoef * indexDecayCoef;
        var tremoloIncrement = patch.TremoloHz / sampleRate;
        var sustain = patch.Sustain;
        var amplitude = gain * 0.66f;
        float c1 = carrier, c2 = carrier2, m = modulator, t = tine, trem = tremolo, i = index, l = level;
        for (var n = 0; n < output.Length; n++)
        {
            var mod = SineTable.Sin(m) * i;
            var y = SineTable.Sin(c1 + mod) + SineTable.Sin(c2 + mod * 0.7f) * 0.5f;
            if (tineLevel > 1e-4f)
            {
                y += SineTable.Sin(t) * tineLevel;
                tineLevel *= tineDecay;
                t += tineIncrement;
                t = t >= 1f ? t - 1f : t;
            }

            if (tremoloIncrement > 0)
            {
                trem += tremoloIncrement;
                trem = trem >= 1f ? trem - 1f : trem;
                y *= 1f + 0.15f * SineTable.Sin(trem);
            }

            output[n] += y * l * amplitude;
            c1 += carrierIncrement;
            c1 = c1 >= 1f ? c1 - 1f : c1;
            c2 += detunedIncrement;
            c2 = c2 >= 1f ? c2 - 1f : c2;
            m += modulatorIncrement;
            m = m >= 1f ? m - 1f : m;
            i *= indexDecayCoef;
            l = released ? l * releaseCoef : sustain + (l - sustain) * ampDecayCoef;
        }

        (carrier, carrier2, modulator, tine, tremolo, index, level) = (c1, c2, m, t, trem, i, l);
        this.tineLevel = tineLevel;

        // −60 dB under the note's peak is inaudible under the mix: stop there rather than at −80 dB.
        return level > 1e-3f;
    }
}
