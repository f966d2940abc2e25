using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Sum of sine partials with their own decays: the piano (stretched partials, faster-decaying highs,
/// hammer thump) and the drawbar organ (sustained harmonics, key click).
/// </summary>
public sealed class AdditiveVoice : Voice
{
    private const int Lanes = 8;

    private readonly AdditivePatch patch;
    private readonly float[] phases, increments, levels;
    private readonly Vector256<float>[] decayPowers;

    // Without vibrato each partial is a rotating phasor: the sines and cosines of its next eight samples, turned
    // on by n samples with the rotation (cos nω, sin nω) — six operations per eight samples instead of a sine each.
    private readonly Vector256<float>[]? sines, cosines;
    private readonly float[]? turnCos, turnSin;
    private readonly int count;
    private readonly float attackIncrement, releaseCoef, sampleRate;
    private readonly Vector256<float> releasePowers;
    // With vibrato the partials are sustained harmonics: one waveform over two periods of the fundamental.
    private readonly float[]? waveform;
    private readonly float waveLevel;

    // Phases in double: in float, rounding the vibrato's phase shifts the fundamental's (its excursion is a fifth of a
    // cycle) and the 16th harmonic multiplies that, a drift of the waveform measurable within a second.
    private readonly double waveIncrement;
    private double wavePhase, vibrato;
    private float attack, release = 1f;
    private bool released;
    private Noise noise;
    private Svf hammerFilter;
    private float hammerLevel;

    public AdditiveVoice(AdditivePatch patch, in NoteContext note)
    {
        this.patch = patch;
        sampleRate = note.SampleRate;
        var frequency = MidiToHz(note.Pitch);
        var nyquistLimit = sampleRate * 0.45f;
        var n = patch.Ratios.Length;
        phases = new float[n];
        increments = new float[n];
        levels = new float[n];
        decayPowers = new Vector256<float>[n];
        var keyScale = MathF.Pow(261.6f / frequency, patch.DecayKeyScaling);
        var total = 0f;
        for (var i = 0; i < n; i++)
        {
            var ratio = patch.Ratios[i] * MathF.Sqrt(1f + patch.Inharmonicity * patch.Ratios[i] * patch.Ratios[i]);
            var f = frequency * ratio;
            if (f >= nyquistLimit)
            {
                break;
            }

            increments[count] = f / sampleRate;
            var brightness = MathF.Pow(note.Velocity, patch.VelocityBrightness * (i * 0.5f));
            levels[count] = patch.Levels[i] * brightness;
            total += levels[count];
            decayPowers[count] = VectorSine.Powers(patch.Decays[i] <= 0
                ? 1f
                : MathF.Pow(0.001f, 1f / (patch.Decays[i] * keyScale * sampleRate)));
            phases[count] = i * 0.13f;
            count++;
        }

        var normalise = note.Velocity * patch.Level / Math.Max(total, 1e-3f);
        for (var i = 0; i < count; i++)
        {
            levels[i] *= normalise;
        }

        if (patch.VibratoHz > 0)
        {
            if (patch.Decays.Any(d => d > 0) || patch.VelocityBrightness != 0 || patch.Inharmonicity != 0 || patch.Ratios.Any(r => 2 * r != MathF.Round(2 * r)))
            {
                throw new ArgumentException("A patch with vibrato needs sustained, velocity-independent partials at multiples of half the fundamental.", nameof(patch));
            }

            waveform = patch.Waveform(count);
            waveIncrement = frequency * 0.5 / sampleRate;
            waveLevel = note.Velocity * patch.Level;
        }
        else
        {
            sines = new Vector256<float>[count];
            cosines = new Vector256<float>[count];
            turnCos = new float[count * (Lanes + 1)];
            turnSin = new float[count * (Lanes + 1)];
            Span<float> sin = stackalloc float[Lanes];
            Span<float> cos = stackalloc float[Lanes];
            for (var i = 0; i < count; i++)
            {
                for (var k = 0; k <= Lanes; k++)
                {
                    var angle = 2 * Math.PI * (phases[i] + (k * (double)increments[i]));
                    if (k < Lanes)
                    {
                        sin[k] = (float)Math.Sin(angle);
                        cos[k] = (float)Math.Cos(angle);
                    }

                    turnCos[(i * (Lanes + 1)) + k] = (float)Math.Cos(2 * Math.PI * k * increments[i]);
                    turnSin[(i * (Lanes + 1)) + k] = (float)Math.Sin(2 * Math.PI * k * increments[i]);
                }

                sines[i] = Vector256.Create<float>(sin);
                cosines[i] = Vector256.Create<float>(cos);
            }
        }

        attackIncrement = 1f / Math.Max(1f, patch.Attack * sampleRate);
        releaseCoef = MathF.Pow(0.001f, 1f / (patch.Release * sampleRate));
        releasePowers = VectorSine.Powers(releaseCoef);
        noise = new Noise(note.Seed);
        hammerLevel = patch.HammerNoise * note.Velocity * patch.Level;
        hammerFilter.Set(Math.Min(frequency * 4f, 6000f), 0.7f, sampleRate);
    }

    public override void NoteOff() => released = true;

    /// <summary>
    /// Partial by partial over the block, eight samples per step (a partial's level is a geometric series), then
    /// hammer noise and the attack/release envelope; partials that have decayed below −100 dB are skipped.
    /// </summary>
    public override bool Render(Span<float> output)
    {
        var frames = output.Length;
        var steps = (frames + Lanes - 1) / Lanes;
        var padded = steps * Lanes;
        Span<float> sum = padded <= 512 ? stackalloc float[padded] : new float[padded];
        sum.Clear();

        var lastCount = frames - ((steps - 1) * Lanes);
        if (sines is not null)
        {
            RenderPhasors(sum, steps, lastCount);
        }
        else
        {
            RenderWaveform(sum, frames);
        }

        // Past the hammer's thump and the attack (the first few milliseconds) only the release is left, and it
        // is a geometric series too: eight samples per step.
        var from = 0;
        if (hammerLevel <= 1e-4f && attack >= 1f)
        {
            from = frames - (frames % Lanes);
            var releaseStep = Vector256.Create(1f);
            var releaseOfStep = 1f;
            if (released)
            {
                // The release moves before each sample is written: lane k sees it k + 1 samples on.
                releaseStep = releasePowers * Vector256.Create(releaseCoef);
                releaseOfStep = releasePowers[Lanes - 1] * releasePowers[1];
            }

            for (var at = 0; at < from; at += Lanes)
            {
                var sound = Vector256.Create<float>(sum[at..]) * (Vector256.Create(release) * releaseStep);
                (Vector256.Create<float>(output[at..]) + sound).CopyTo(output[at..]);
                release *= releaseOfStep;
            }
        }

        var hammerDecay = MathF.Pow(0.001f, 1f / (0.03f * sampleRate));
        for (var s = from; s < frames; s++)
        {
            var x = sum[s];
            if (hammerLevel > 1e-4f)
            {
                x += hammerFilter.LowPass(noise.Next()) * hammerLevel;
                hammerLevel *= hammerDecay;
            }

            if (attack < 1f)
            {
                attack = Math.Min(1f, attack + attackIncrement);
            }

            if (released)
            {
                release *= releaseCoef;
            }

            output[s] += x * attack * release;
        }

        return release > 1e-4f && (count == 0 || MaxLevel() > 1e-5f);
    }

    /// <summary>
    /// The organ's partials under vibrato: its fixed waveform (<see cref="AdditivePatch.Waveform"/>) read at a
    /// phase that the vibrato stretches, one table lookup per sample instead of a sine per partial.
    /// </summary>
    private void RenderWaveform(Span<float> sum, int frames)
    {
        // The vibrato's phase is a straight ramp within the block, so its sines are computed eight at a time; only
        // the stretched phase they feed is a running sum.
        var steps = (frames + Lanes - 1) / Lanes;
        Span<float> vibratoSines = steps * Lanes <= 512 ? stackalloc float[steps * Lanes] : new float[steps * Lanes];
        var vibratoIncrement = (double)patch.VibratoHz / sampleRate;
        var first = Vector256.Create((float)vibrato) + ((VectorSine.Ramp + Vector256<float>.One) * Vector256.Create((float)vibratoIncrement));
        var stepAdvance = Vector256.Create((float)(Lanes * vibratoIncrement));
        for (var step = 0; step < steps; step++)
        {
            VectorSine.Sin(first + (Vector256.Create((float)step) * stepAdvance)).CopyTo(vibratoSines[(step * Lanes)..]);
        }

        vibrato += frames * vibratoIncrement;
        vibrato -= Math.Floor(vibrato);

        var table = waveform!;
        var depth = (double)patch.VibratoDepth;
        var phase = wavePhase;
        for (var s = 0; s < frames; s++)
        {
            var x = phase * AdditivePatch.WaveformSize;
            var i = double.ConvertToIntegerNative<int>(x);
            var a = table[i];
            sum[s] = waveLevel * (a + ((table[i + 1] - a) * (float)(x - i)));
            phase += waveIncrement * (1.0 + (depth * vibratoSines[s]));
            if (phase >= 1.0)
            {
                phase -= 1.0;
            }
        }

        wavePhase = phase;
    }

    /// <summary>The piano's partials: phasors turned on eight samples per step.</summary>
    private void RenderPhasors(Span<float> sum, int steps, int lastCount)
    {
        for (var i = 0; i < count; i++)
        {
            var level = levels[i];
            if (level < 1e-5f)
            {
                continue;
            }

            var sine = sines![i];
            var cosine = cosines![i];
            var turns = i * (Lanes + 1);
            var decay = decayPowers[i];
            var decayOfStep = decay[Lanes - 1] * decay[1];
            for (var step = 0; step < steps; step++)
            {
                var at = step * Lanes;
                (Vector256.Create<float>(sum[at..]) + sine * (Vector256.Create(level) * decay)).CopyTo(sum[at..]);
                var samples = step < steps - 1 ? Lanes : lastCount;
                var c = Vector256.Create(turnCos![turns + samples]);
                var s = Vector256.Create(turnSin![turns + samples]);
                (sine, cosine) = ((sine * c) + (cosine * s), (cosine * c) - (sine * s));
                level *= samples == Lanes ? decayOfStep : decay[samples];
            }

            // Rounding would let the phasor's length wander over a long note: one Newton step towards 1 per block.
            var scale = Vector256.Create(1.5f) - (Vector256.Create(0.5f) * ((sine * sine) + (cosine * cosine)));
            sines[i] = sine * scale;
            cosines[i] = cosine * scale;
            levels[i] = level;
        }
    }

    private float MaxLevel()
    {
        var max = 0f;
        for (var i = 0; i < count; i++)
        {
            max = Math.Max(max, levels[i]);
        }

        return max;
    }
}
