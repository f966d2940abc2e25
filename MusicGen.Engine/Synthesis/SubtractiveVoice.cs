using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// PolyBLEP oscillators (optionally a detuned unison stack) through a Cytomic SVF (2 or 4 poles) and an ADSR, with
/// portamento. Oscillators, filter and envelope all work eight samples per step (<see cref="BlockSvf"/>, <see cref="Adsr.Apply"/>);
/// only the tail of a block that is not a multiple of eight is stepped sample by sample.
/// </summary>
public sealed class SubtractiveVoice : Voice
{
    private const int ControlInterval = 32;
    private const int PassBlocks = 8;
    private const int PassLength = PassBlocks * ControlInterval;
    private const float CutoffStep = 5e-4f;

    // The Q of a 4th-order Butterworth's lower section: a 4-pole patch's first, unresonant section.
    private const float LowerQ = 0.54f;

    // log2(1 / (1 − CutoffStep)): the step in octaves.
    private const float StepOctaves = 7.2153e-4f;

    // The dry voice's share under a formant band (the choir's vowel).
    private const float Dry = 0.6f;

    private readonly SubtractivePatch patch;
    private readonly float sampleRate;
    private readonly float[] phases;
    private readonly float[] increments;
    private readonly float baseCutoff;
    private readonly float envOctaves, filterDecay, filterAttack, swellSeconds;
    private float gain;
    private readonly float unisonGain;
    private BlockSvf filter;
    private BlockSvf formant;

    // A 4-pole patch's first section, ahead of the resonant one: 24 dB/octave above the cutoff, as a ladder filter's.
    private BlockSvf lower;
    private float appliedCutoff = float.NaN, appliedEnvelope, nextFilterUpdate;
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
        baseCutoff = patch.Cutoff * keyTrack * MathF.Pow(2f, ((note.Energy - 0.5f) * patch.EnergyOctaves) + note.CutoffOctaves);
        var accent = patch.AccentOctaves > 0 ? Math.Clamp((note.Velocity - patch.AccentVelocity) / 0.08f, 0f, 1f) : 0f;
        envOctaves = patch.FilterEnvOctaves + (accent * patch.AccentOctaves);
        filterDecay = Math.Max(patch.FilterDecay * (1f - (0.35f * accent)), 1e-3f);
        gain = patch.Level * note.Velocity * (1f + (0.3f * accent));
        // A swell grows over the held note in level (the gain as the square of the time, some 12 dB down halfway, as a
        // crescendo heard in decibels) and in brightness (the filter's attack stretched over it), as a brass player's
        // crescendo opens the tone.
        swellSeconds = note.Swell ? 0.95f * note.DurationSeconds : 0f;
        filterAttack = Math.Max(patch.FilterAttack, swellSeconds);
        amp = new Adsr(patch.Attack, patch.Decay, patch.Sustain, patch.Release, sampleRate);
        if (patch.FormantHz > 0)
        {
            formant.Set(patch.FormantHz, 2.5f, sampleRate, bandPass: true);
        }

        UpdateFilter();
    }

    public override void NoteOff() => amp.Release();

    public override bool TryScale(float factor)
    {
        gain *= factor;
        return true;
    }

    // Inlined: it runs every control block, and mostly finds nothing to do.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdateFilter()
    {
        // Without a filter envelope the cutoff never moves: the matrices are built once. With one, nothing is
        // computed before the time the decaying envelope next moves the cutoff by a step (below).
        if (time >= nextFilterUpdate)
        {
            MoveFilter();
        }
    }

    private void MoveFilter()
    {
        if (envOctaves == 0f && !float.IsNaN(appliedCutoff))
        {
            nextFilterUpdate = float.PositiveInfinity;
            return;
        }

        var decay = filterDecay;
        var attacking = filterAttack > 0 && time < filterAttack;
        var envelope = attacking
            ? time / filterAttack
            : MathF.Exp(-Math.Max(0f, time - filterAttack) / decay);
        var cutoff = baseCutoff * MathF.Pow(2f, envOctaves * envelope);

        // Rebuilding the filter's matrices costs more than the 32 samples they serve, so the cutoff moves in steps of
        // at least 1/2,000 (under a cent; the fast envelopes move it further than that every block anyway).
        if (!(MathF.Abs(cutoff - appliedCutoff) <= appliedCutoff * CutoffStep))
        {
            filter.Set(cutoff, patch.Resonance, sampleRate, patch.BandPass);
            if (patch.Poles == 4)
            {
                lower.Set(cutoff, LowerQ, sampleRate, bandPass: false);
            }
            appliedCutoff = cutoff;
            appliedEnvelope = envelope;
        }

        if (!attacking && envOctaves > 0f)
        {
            // The envelope falls as exp(−t / decay): it takes the cutoff one step below the applied one at this time.
            var next = appliedEnvelope - StepOctaves / envOctaves;
            nextFilterUpdate = next <= 0f ? float.PositiveInfinity : filterAttack + decay * -MathF.Log(next);
        }
    }

    /// <summary>
    /// Works in control blocks of <see cref="ControlInterval"/> samples: filter cutoff and vibrato are updated once
    /// per block. The oscillators run first over up to <see cref="PassBlocks"/> blocks at once (each block at its own
    /// pitch), then filter and envelope block by block, eight samples per step. Oscillators called block by block
    /// spent as much on each call's set-up as on the saws themselves.
    /// </summary>
    public override unsafe bool Render(Span<float> output)
    {
        // On a 32-byte boundary: a vector load that straddles two cache lines costs two.
        Span<float> scratch = stackalloc float[PassLength + Vector256<float>.Count];
        var skew = (int)((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(scratch)) / sizeof(float)) & (Vector256<float>.Count - 1);
        var buffer = scratch.Slice((Vector256<float>.Count - skew) & (Vector256<float>.Count - 1), PassLength);
        Span<float> scales = stackalloc float[PassBlocks];
        var dt = 1f / sampleRate;
        var vibratoDepth = patch.VibratoCents / 1200f * 0.6931472f;
        var hasFormant = patch.FormantHz > 0;
        var fourPole = patch.Poles == 4;
        for (var pass = 0; pass < output.Length && !amp.IsIdle; pass += PassLength)
        {
            var length = Math.Min(PassLength, output.Length - pass);
            var blocks = (length + ControlInterval - 1) / ControlInterval;
            var x = buffer[..length];
            x.Clear();

            // Each block's pitch factor, from the time at which the block starts.
            var clock = time;
            for (var b = 0; b < blocks; b++)
            {
                var count = Math.Min(ControlInterval, length - (b * ControlInterval));
                var vibrato = 1f;
                if (vibratoDepth > 0 && clock > patch.VibratoDelay)
                {
                    vibratoPhase += patch.VibratoHz * dt * count;
                    vibratoPhase -= MathF.Floor(vibratoPhase);
                    vibrato = 1f + vibratoDepth * SineTable.Sin(vibratoPhase) * MathF.Min(1f, (clock - patch.VibratoDelay) * 2f);
                }

                // Portamento: the pitch slides linearly in semitones from the previous note's, as a 303's slide does.
                if (glideSeconds > 0 && clock < glideSeconds)
                {
                    vibrato *= MathF.Pow(2f, glideOctaves * (1f - (clock / glideSeconds)));
                }

                scales[b] = vibrato;
                clock += dt * count;
            }

            if (patch.Wave == Waveform.Saw)
            {
                PolyBlep.AddUnison(x, phases, increments, scales[..blocks], ControlInterval, unisonGain);
            }
            else
            {
                for (var b = 0; b < blocks; b++)
                {
                    var part = x.Slice(b * ControlInterval, Math.Min(ControlInterval, length - (b * ControlInterval)));
                    for (var i = 0; i < phases.Length; i++)
                    {
                        phases[i] = Oscillate(patch.Wave, part, phases[i], increments[i] * scales[b], unisonGain);
                    }
                }
            }

            if (patch.SubLevel > 0)
            {
                for (var b = 0; b < blocks; b++)
                {
                    var part = x.Slice(b * ControlInterval, Math.Min(ControlInterval, length - (b * ControlInterval)));
                    subPhase = Oscillate(Waveform.Sine, part, subPhase, subIncrement * scales[b], patch.SubLevel);
                }
            }

            ref var input = ref MemoryMarshal.GetReference(x);
            ref var destination = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), pass);
            for (var start = 0; start < length && !amp.IsIdle; start += ControlInterval)
            {
                var count = Math.Min(ControlInterval, length - start);
                UpdateFilter();

                // Filter (and formant) in place, then envelope and gain into the output: one call each per block.
                var whole = count & ~(Vector256<float>.Count - 1);
                ref var block = ref Unsafe.Add(ref input, start);
                if (fourPole)
                {
                    lower.ProcessInPlace(ref block, whole);
                }

                filter.ProcessInPlace(ref block, whole);
                if (hasFormant)
                {
                    formant.AddToDryInPlace(ref block, whole, Dry);
                }

                // A swell's level steps every 32 samples, under 0.1 dB a step.
                var swell = time < swellSeconds ? (time + (0.5f * dt * count)) / swellSeconds : 1f;
                var blockGain = gain * swell * swell;
                amp.Apply(ref block, ref Unsafe.Add(ref destination, start), whole, blockGain);
                var n = start + whole;
                for (; n < start + count; n++)
                {
                    var v = filter.Tick(fourPole ? lower.Tick(Unsafe.Add(ref input, n)) : Unsafe.Add(ref input, n));
                    if (hasFormant)
                    {
                        v = Dry * v + formant.Tick(v);
                    }

                    Unsafe.Add(ref destination, n) += v * amp.Next() * blockGain;
                }

                time += dt * count;
            }
        }

        return !amp.IsIdle;
    }

    /// <summary>Adds one oscillator times <paramref name="level"/> into <paramref name="output"/>; returns the phase after it.</summary>
    private static float Oscillate(Waveform wave, Span<float> output, float phase, float increment, float level)
    {
        if (wave is Waveform.Saw or Waveform.Square)
        {
            return PolyBlep.Add(output, phase, increment, level, wave == Waveform.Square);
        }

        // Sine and triangle: sample n sits at phase + n·increment, eight at a time.
        var n = 0;
        var steps = VectorSine.Ramp * increment;
        var gain = Vector256.Create(level);
        var half = Vector256.Create(0.5f);
        var four = Vector256.Create(4f);
        for (; n + Vector256<float>.Count <= output.Length; n += Vector256<float>.Count)
        {
            var t = Vector256.Create(phase + n * increment) + steps;
            Vector256<float> value;
            if (wave == Waveform.Triangle)
            {
                t -= Vector256.Floor(t);
                value = four * Vector256.Abs(t - half) - Vector256<float>.One;
            }
            else
            {
                value = VectorSine.Sin(t);
            }

            var target = output.Slice(n, Vector256<float>.Count);
            (Vector256.Create<float>(target) + value * gain).CopyTo(target);
        }

        var p = phase + n * increment;
        p -= MathF.Floor(p);
        for (; n < output.Length; n++)
        {
            output[n] += (wave == Waveform.Triangle ? 4f * MathF.Abs(p - 0.5f) - 1f : SineTable.Sin(p)) * level;
            p += increment;
            p = p >= 1f ? p - 1f : p;
        }

        return p;
    }
}
