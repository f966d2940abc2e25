using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>FM e-piano and bells: a decaying modulation index makes the attack bright and the tail pure.</summary>
public sealed class FmVoice : Voice
{
    private const int Lanes = 8;

    private readonly float carrierIncrement, modulatorIncrement, tineIncrement, detunedIncrement, tremoloIncrement;
    private readonly float sustain, amplitude;
    private readonly Vector256<float> indexDecay, tineDecay, ampDecay, releaseDecay;
    private float carrier, carrier2, modulator, tine, index, level, tremolo, tineLevel;
    private bool released;

    public FmVoice(FmPatch patch, in NoteContext note)
    {
        var sampleRate = note.SampleRate;
        var frequency = MidiToHz(note.Pitch);
        carrierIncrement = frequency / sampleRate;
        detunedIncrement = carrierIncrement * (1f + patch.Detune);
        modulatorIncrement = carrierIncrement * patch.Ratio;
        tineIncrement = carrierIncrement * patch.TineRatio;
        tremoloIncrement = patch.TremoloHz / sampleRate;
        // Fewer sidebands on high notes keeps them below Nyquist (no folded, inharmonic fizz).
        var keyScale = Math.Min(1f, 600f / (frequency * Math.Max(1f, patch.Ratio)));
        index = patch.Index * (0.5f + 0.7f * note.Velocity) * (0.8f + 0.4f * note.Energy) * (0.35f + 0.65f * keyScale);
        var indexDecayCoef = MathF.Exp(-1f / (patch.IndexDecay * sampleRate));
        indexDecay = VectorSine.Powers(indexDecayCoef);
        tineDecay = VectorSine.Powers(indexDecayCoef * indexDecayCoef);
        var decay = patch.Decay * MathF.Pow(261.6f / frequency, 0.35f);
        ampDecay = VectorSine.Powers(MathF.Exp(-1f / (decay * sampleRate)));
        releaseDecay = VectorSine.Powers(MathF.Exp(-1f / (patch.Release * sampleRate)));
        sustain = patch.Sustain;
        amplitude = patch.Level * note.Velocity * 0.66f;
        level = 1f;
        // A tine above 0.45 × the rate would fold back as an unrelated pitch: high notes go without it.
        tineLevel = tineIncrement < 0.45f ? patch.TineLevel : 0f;
    }

    public override void NoteOff() => released = true;

    /// <summary>
    /// Eight samples per step: every phase is a ramp from the step's start and every envelope a geometric
    /// series, so the lanes are independent; the state then moves on by the samples actually written.
    /// </summary>
    public override bool Render(Span<float> output)
    {
        var ramp = VectorSine.Ramp;
        var sustainV = Vector256.Create(sustain);
        Span<float> tail = stackalloc float[Lanes];
        for (var start = 0; start < output.Length; start += Lanes)
        {
            var count = Math.Min(Lanes, output.Length - start);
            var mod = VectorSine.Sin(Vector256.Create(modulator) + ramp * Vector256.Create(modulatorIncrement)) * (Vector256.Create(index) * indexDecay);
            var y = VectorSine.Sin(Vector256.Create(carrier) + ramp * Vector256.Create(carrierIncrement) + mod)
                + VectorSine.Sin(Vector256.Create(carrier2) + ramp * Vector256.Create(detunedIncrement) + mod * Vector256.Create(0.7f)) * Vector256.Create(0.5f);
            if (tineLevel > 1e-4f)
            {
                y += VectorSine.Sin(Vector256.Create(tine) + ramp * Vector256.Create(tineIncrement)) * (Vector256.Create(tineLevel) * tineDecay);
                tineLevel *= Advance(tineDecay, count);
                tine = Wrap(tine + tineIncrement * count);
            }

            if (tremoloIncrement > 0)
            {
                y *= Vector256<float>.One + Vector256.Create(0.15f) * VectorSine.Sin(Vector256.Create(tremolo) + ramp * Vector256.Create(tremoloIncrement));
                tremolo = Wrap(tremolo + tremoloIncrement * count);
            }

            Vector256<float> envelope;
            if (released)
            {
                envelope = Vector256.Create(level) * releaseDecay;
                level *= Advance(releaseDecay, count);
            }
            else
            {
                envelope = sustainV + (Vector256.Create(level) - sustainV) * ampDecay;
                level = sustain + (level - sustain) * Advance(ampDecay, count);
            }

            var sound = y * envelope * Vector256.Create(amplitude);
            if (count == Lanes)
            {
                (Vector256.Create<float>(output[start..]) + sound).CopyTo(output[start..]);
            }
            else
            {
                sound.CopyTo(tail);
                for (var n = 0; n < count; n++)
                {
                    output[start + n] += tail[n];
                }
            }

            carrier = Wrap(carrier + carrierIncrement * count);
            carrier2 = Wrap(carrier2 + detunedIncrement * count);
            modulator = Wrap(modulator + modulatorIncrement * count);
            index *= Advance(indexDecay, count);
        }

        // −60 dB under the note's peak is inaudible under the mix: stop there rather than at −80 dB.
        return level > 1e-3f;
    }

    /// <summary>The factor an envelope with these per-sample powers moves by over <paramref name="samples"/> samples (1–8).</summary>
    private static float Advance(Vector256<float> powers, int samples) =>
        samples == Lanes ? powers[Lanes - 1] * powers[1] : powers[samples];

    private static float Wrap(float phase) => phase - MathF.Floor(phase);
}
