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

    public override bool Render(Span<float> output)
    {
        var vibratoIncrement = patch.VibratoHz / sampleRate;
        var hammerDecay = MathF.Pow(0.001f, 1f / (0.03f * sampleRate));
        for (var s = 0; s < output.Length; s++)
        {
            var wobble = 1f;
            if (vibratoIncrement > 0)
            {
                vibrato += vibratoIncrement;
                vibrato -= MathF.Floor(vibrato);
                wobble = 1f + patch.VibratoDepth * SineTable.Sin(vibrato);
            }

            var sum = 0f;
            for (var i = 0; i < count; i++)
            {
                sum += SineTable.Sin(phases[i]) * levels[i];
                levels[i] *= decayCoefs[i];
                var p = phases[i] + increments[i] * wobble;
                phases[i] = p >= 1f ? p - 1f : p;
            }

            if (hammerLevel > 1e-4f)
            {
                sum += hammerFilter.LowPass(noise.Next()) * hammerLevel;
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

            output[s] += sum * attack * release;
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
