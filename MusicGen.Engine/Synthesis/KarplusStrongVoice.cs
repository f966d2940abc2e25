namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Karplus–Strong plucked string (Jaffe–Smith extensions): a noise burst circulates in a delay line whose
/// averaging loop filter and loss factor set the decay; a first-order allpass tunes the fractional delay.
/// </summary>
public sealed class KarplusStrongVoice : Voice
{
    private readonly float[] line;
    private readonly float allpassCoef;
    private readonly float gain;
    private readonly float releaseLoss;
    private readonly float blend;
    private float loss;
    private int position;
    private float previous, allpassState, allpassInput, energy;
    private int silentSamples;

    /// <param name="decaySeconds">Time for the note to fall by 60 dB while held.</param>
    /// <param name="brightness">0 dark (muted, upright bass) … 1 bright (steel string pluck).</param>
    public KarplusStrongVoice(in NoteContext note, float decaySeconds, float brightness, float level)
    {
        var frequency = MidiToHz(note.Pitch);
        var blend = 0.5f + 0.45f * brightness;
        var period = note.SampleRate / frequency - (1f - blend);
        var length = Math.Max(2, (int)MathF.Floor(period));
        var fraction = period - length;
        if (fraction < 0.1f)
        {
            length -= 1;
            fraction += 1f;
        }

        allpassCoef = (1f - fraction) / (1f + fraction);
        line = new float[length];
        this.blend = blend;
        var noise = new Noise(note.Seed);
        var smoothing = 1f - Math.Clamp(brightness * (0.6f + 0.4f * note.Velocity), 0.05f, 0.98f);
        var state = 0f;
        for (var i = 0; i < length; i++)
        {
            state = state * smoothing + noise.Next() * (1f - smoothing);
            line[i] = state;
        }

        var mean = 0f;
        foreach (var v in line)
        {
            mean += v;
        }

        mean /= length;
        var peak = 1e-6f;
        for (var i = 0; i < length; i++)
        {
            line[i] -= mean;
            peak = Math.Max(peak, MathF.Abs(line[i]));
        }

        for (var i = 0; i < length; i++)
        {
            line[i] /= peak;
        }

        var loopsPerSecond = frequency;
        loss = MathF.Pow(0.001f, 1f / (decaySeconds * loopsPerSecond));
        releaseLoss = MathF.Pow(0.001f, 1f / (0.12f * loopsPerSecond));
        gain = level * note.Velocity;
    }

    public override void NoteOff() => loss = Math.Min(loss, releaseLoss);

    public override bool Render(Span<float> output)
    {
        for (var n = 0; n < output.Length; n++)
        {
            var current = line[position];
            var averaged = blend * current + (1f - blend) * previous;
            previous = current;
            var tuned = allpassCoef * (averaged - allpassState) + allpassInput;
            allpassInput = averaged;
            allpassState = tuned;
            line[position] = tuned * loss;
            if (++position == line.Length)
            {
                position = 0;
            }

            output[n] += current * gain;
            energy = energy * 0.999f + MathF.Abs(current) * 0.001f;
        }

        silentSamples = energy < 2e-4f ? silentSamples + output.Length : 0;
        return silentSamples < 2048;
    }
}
