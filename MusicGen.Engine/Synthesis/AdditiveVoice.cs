namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Sum of sine partials with their own decays: the piano (stretched partials, faster-decaying highs,
/// hammer thump) and the drawbar organ (sustained harmonics, key click).
/// </summary>
public sealed class AdditiveVoice : Voice
{
    private readonly AdditivePatch patch;
    private readonly float[] phases, increments, levels, decayCoefs;
    private readonly int count;
    private readonly float attackIncrement, releaseCoef, sampleRate;
    private float attack, release = 1f, vibrato;
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
        decayCoefs = new float[n];
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
            decayCoefs[count] = patch.Decays[i] <= 0
                ? 1f
                : MathF.Pow(0.001f, 1f / (patch.Decays[i] * keyScale * sampleRate));
            phases[count] = i * 0.13f;
            count++;
        }

        var normalise = note.Velocity * patch.Level / Math.Max(total, 1e-3f);
        for (var i = 0; i < count; i++)
        {
            levels[i] *= normalise;
        }

        attackIncrement = 1f / Math.Max(1f, patch.Attack * sampleRate);
        releaseCoef = MathF.Pow(0.001f, 1f / (patch.Release * sampleRate));
        noise = new Noise(note.Seed);
        hammerLevel = patch.HammerNoise * note.Velocity * patch.Level;
        hammerFilter.Set(Math.Min(frequency * 4f, 6000f), 0.7f, sampleRate);
    }

    public override void NoteOff() => released = true;

    /// <summary>
    /// Partial by partial over the block (each partial's phase and level stay in registers), then hammer
    /// noise and the attack/release envelope; partials that have decayed below −100 dB are skipped.
    /// </summary>
    public override bool Render(Span<float> output)
    {
        var frames = output.Length;
        Span<float> sum = frames <= 512 ? stackalloc float[frames] : new float[frames];
        sum.Clear();
        Span<float> wobble = frames <= 512 ? stackalloc float[frames] : new float[frames];
        var vibratoIncrement = patch.VibratoHz / sampleRate;
        var vibrating = vibratoIncrement > 0;
        if (vibrating)
        {
            for (var s = 0; s < frames; s++)
            {
                vibrato += vibratoIncrement;
                vibrato -= MathF.Floor(vibrato);
                wobble[s] = 1f + patch.VibratoDepth * SineTable.Sin(vibrato);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var level = levels[i];
            if (level < 1e-5f)
            {
                continue;
            }

            var phase = phases[i];
            var increment = increments[i];
            var decay = decayCoefs[i];
            for (var s = 0; s < frames; s++)
            {
                sum[s] += SineTable.Sin(phase) * level;
                level *= decay;
                var p = phase + (vibrating ? increment * wobble[s] : increment);
                phase = p >= 1f ? p - 1f : p;
            }

            phases[i] = phase;
            levels[i] = level;
        }

        var hammerDecay = MathF.Pow(0.001f, 1f / (0.03f * sampleRate));
        for (var s = 0; s < frames; s++)
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
