using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>FM e-piano and bells: a decaying modulation index makes the attack bright and the tail pure.</summary>
public sealed class FmVoice : Voice
{
    private const int Lanes = 8;

    // Dropping the modulator changes a carrier sample by at most 2π × 1.35 × index × envelope (the two carriers take
    // 1 and 0.5 × 0.7 of it): once that is below −80 dB of the note's peak the carriers are plain sines from then on.
    private const float PureBound = 1e-4f / (2f * MathF.PI * 1.35f);

    private readonly float carrierIncrement, detunedIncrement;
    private readonly float sustain;
    private float amplitude;
    private readonly Vector256<float> indexDecay, tineDecay, ampDecay, releaseDecay;

    // The envelopes' factors over a whole step (Advance(powers, 8)), kept rather than taken from the vectors each step.
    private readonly float indexStep, tineStep, ampStep, releaseStep;

    // The carriers' phase offsets of the step's eight samples (ramp × increment), the same products every step.
    private readonly Vector256<float> carrierRamp, detunedRamp;
    private readonly bool tremoloOn;
    private float carrier, carrier2, index, level, tineLevel;
    private Phasor8 modulator, tine, tremolo, pureCarrier, pureCarrier2;
    private bool released, pure;

    public FmVoice(FmPatch patch, in NoteContext note)
    {
        var sampleRate = note.SampleRate;
        var frequency = MidiToHz(note.Pitch);
        carrierIncrement = frequency / sampleRate;
        detunedIncrement = carrierIncrement * (1f + patch.Detune);
        carrierRamp = VectorSine.Ramp * Vector256.Create(carrierIncrement);
        detunedRamp = VectorSine.Ramp * Vector256.Create(detunedIncrement);
        var tineIncrement = carrierIncrement * patch.TineRatio;
        modulator = new Phasor8(0f, carrierIncrement * patch.Ratio);
        tine = new Phasor8(0f, tineIncrement);
        tremoloOn = patch.TremoloHz > 0;
        tremolo = new Phasor8(0f, patch.TremoloHz / sampleRate);

        // Fewer sidebands on high notes keeps them below Nyquist (no folded, inharmonic fizz).
        var keyScale = Math.Min(1f, 600f / (frequency * Math.Max(1f, patch.Ratio)));
        index = patch.Index * (0.5f + 0.7f * note.Velocity) * (0.8f + 0.4f * note.Energy) * (0.35f + 0.65f * keyScale);
        var indexDecayCoef = MathF.Exp(-1f / (patch.IndexDecay * sampleRate));
        indexDecay = VectorSine.Powers(indexDecayCoef);
        tineDecay = VectorSine.Powers(indexDecayCoef * indexDecayCoef);
        var decay = patch.Decay * MathF.Pow(261.6f / frequency, 0.35f);
        ampDecay = VectorSine.Powers(MathF.Exp(-1f / (decay * sampleRate)));
        releaseDecay = VectorSine.Powers(MathF.Exp(-1f / (patch.Release * sampleRate)));
        (indexStep, tineStep, ampStep, releaseStep) = (Advance(indexDecay, Lanes), Advance(tineDecay, Lanes), Advance(ampDecay, Lanes), Advance(releaseDecay, Lanes));
        sustain = patch.Sustain;
        amplitude = patch.Level * note.Velocity * 0.66f;
        level = 1f;
        // A tine above 0.45 × the rate would fold back as an unrelated pitch: high notes go without it.
        tineLevel = tineIncrement < 0.45f ? patch.TineLevel : 0f;
    }

    public override void NoteOff() => released = true;

    public override bool TryScale(float factor)
    {
        amplitude *= factor;
        return true;
    }

    /// <summary>
    /// Eight samples per step: every phase is a ramp from the step's start and every envelope a geometric
    /// series, so the lanes are independent; the state then moves on by the samples actually written. The
    /// unmodulated sines (modulator, tine, tremolo, and the carriers once the index has died away) turn as phasors.
    /// </summary>
    public override bool Render(Span<float> output)
    {
        var sustainV = Vector256.Create(sustain);
        Span<float> tail = stackalloc float[Lanes];

        // Both index and envelope only fall, so once the modulation is inaudible it stays so.
        if (!pure && index * Math.Max(level, sustain) < PureBound)
        {
            pure = true;
            pureCarrier = new Phasor8(carrier, carrierIncrement);
            pureCarrier2 = new Phasor8(carrier2, detunedIncrement);
        }

        modulator.Normalize();
        tine.Normalize();
        tremolo.Normalize();
        pureCarrier.Normalize();
        pureCarrier2.Normalize();
        for (var start = 0; start < output.Length; start += Lanes)
        {
            var count = Math.Min(Lanes, output.Length - start);
            Vector256<float> y;
            if (pure)
            {
                y = pureCarrier.Next(count) + pureCarrier2.Next(count) * Vector256.Create(0.5f);
            }
            else
            {
                var mod = modulator.Next(count) * (Vector256.Create(index) * indexDecay);
                y = VectorSine.Sin(Vector256.Create(carrier) + carrierRamp + mod)
                    + VectorSine.Sin(Vector256.Create(carrier2) + detunedRamp + mod * Vector256.Create(0.7f)) * Vector256.Create(0.5f);
                carrier = Wrap(carrier + carrierIncrement * count);
                carrier2 = Wrap(carrier2 + detunedIncrement * count);
                index *= count == Lanes ? indexStep : Advance(indexDecay, count);
            }

            if (tineLevel > 1e-4f)
            {
                y += tine.Next(count) * (Vector256.Create(tineLevel) * tineDecay);
                tineLevel *= count == Lanes ? tineStep : Advance(tineDecay, count);
            }

            if (tremoloOn)
            {
                y *= Vector256<float>.One + Vector256.Create(0.15f) * tremolo.Next(count);
            }

            Vector256<float> envelope;
            if (released)
            {
                envelope = Vector256.Create(level) * releaseDecay;
                level *= count == Lanes ? releaseStep : Advance(releaseDecay, count);
            }
            else
            {
                envelope = sustainV + (Vector256.Create(level) - sustainV) * ampDecay;
                level = sustain + (level - sustain) * (count == Lanes ? ampStep : Advance(ampDecay, count));
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
        }

        // −60 dB under the note's peak is inaudible under the mix: stop there rather than at −80 dB.
        return level > 1e-3f;
    }

    /// <summary>The factor an envelope with these per-sample powers moves by over <paramref name="samples"/> samples (1–8).</summary>
    private static float Advance(Vector256<float> powers, int samples) =>
        samples == Lanes ? powers[Lanes - 1] * powers[1] : powers[samples];

    private static float Wrap(float phase) => phase - MathF.Floor(phase);

    /// <summary>
    /// A sine of fixed frequency over eight consecutive samples: eight unit phasors, each turned by eight samples'
    /// angle per step (four multiplies and two adds instead of a polynomial per step).
    /// </summary>
    private struct Phasor8
    {
        private readonly double increment;
        private readonly float cos, sin;
        private Vector256<float> re, im;

        public Phasor8(float phase, float increment)
        {
            this.increment = increment;
            Span<float> real = stackalloc float[Lanes];
            Span<float> imaginary = stackalloc float[Lanes];
            for (var k = 0; k < Lanes; k++)
            {
                var angle = 2.0 * Math.PI * (phase + k * this.increment);
                real[k] = (float)Math.Cos(angle);
                imaginary[k] = (float)Math.Sin(angle);
            }

            re = Vector256.Create<float>(real);
            im = Vector256.Create<float>(imaginary);
            var step = 2.0 * Math.PI * Lanes * this.increment;
            cos = (float)Math.Cos(step);
            sin = (float)Math.Sin(step);
        }

        /// <summary>The sines of this step's eight samples; then turns on by <paramref name="samples"/> (1–8) samples.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Next(int samples)
        {
            var value = im;
            if (samples == Lanes)
            {
                Turn(cos, sin);
            }
            else
            {
                TurnBy(samples);
            }

            return value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Turn(float c, float s)
        {
            var (cv, sv) = (Vector256.Create(c), Vector256.Create(s));
            (re, im) = ((re * cv) - (im * sv), (re * sv) + (im * cv));
        }

        // Only the last step of a block that is not a multiple of eight turns by less.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void TurnBy(int samples)
        {
            var angle = 2.0 * Math.PI * samples * increment;
            Turn((float)Math.Cos(angle), (float)Math.Sin(angle));
        }

        /// <summary>
        /// Pulls the phasors back onto the unit circle (one Newton step towards 1 / |z|): the rounding of each turn
        /// would otherwise let their length drift over the thousands of steps of a long note.
        /// </summary>
        public void Normalize()
        {
            var scale = Vector256.Create(1.5f) - (Vector256.Create(0.5f) * ((re * re) + (im * im)));
            re *= scale;
            im *= scale;
        }
    }
}
