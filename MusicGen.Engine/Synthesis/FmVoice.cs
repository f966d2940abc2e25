namespace MusicGen.Engine.Synthesis;

/// <summary>FM e-piano and bells: a decaying modulation index makes the attack bright and the tail pure.</summary>
public sealed class FmVoice : Voice
{
    private readonly FmPatch patch;
    private readonly float carrierIncrement, modulatorIncrement, tineIncrement, detunedIncrement;
    private readonly float indexDecayCoef, ampDecayCoef, releaseCoef, gain, sampleRate;
    private float carrier, carrier2, modulator, tine, index, level, tremolo;
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
    }

    public override void NoteOff() => released = true;

    public override bool Render(Span<float> output)
    {
        var tineLevel = patch.TineLevel;
        var tineDecay = indexDecayCoef * indexDecayCoef;
        var tremoloIncrement = patch.TremoloHz / sampleRate;
        for (var n = 0; n < output.Length; n++)
        {
            var mod = SineTable.Sin(modulator) * index;
            var y = SineTable.Sin(carrier + mod) + SineTable.Sin(carrier2 + mod * 0.7f) * 0.5f;
            if (tineLevel > 1e-4f)
            {
                y += SineTable.Sin(tine) * tineLevel;
                tineLevel *= tineDecay;
                tine += tineIncrement;
                tine -= MathF.Floor(tine);
            }

            if (tremoloIncrement > 0)
            {
                tremolo += tremoloIncrement;
                tremolo -= MathF.Floor(tremolo);
                y *= 1f + 0.15f * SineTable.Sin(tremolo);
            }

            output[n] += y * level * gain * 0.66f;
            carrier += carrierIncrement;
            carrier -= MathF.Floor(carrier);
            carrier2 += detunedIncrement;
            carrier2 -= MathF.Floor(carrier2);
            modulator += modulatorIncrement;
            modulator -= MathF.Floor(modulator);
            index *= indexDecayCoef;
            level = released ? level * releaseCoef : patch.Sustain + (level - patch.Sustain) * ampDecayCoef;
        }

        return level > 1e-4f;
    }
}
