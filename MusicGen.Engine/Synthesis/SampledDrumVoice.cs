namespace MusicGen.Engine.Synthesis;

/// <summary>
/// A drum hit played from a one-shot rendered once per song by <see cref="DrumVoice"/>: a drum's sound
/// does not depend on velocity (it only scales it), so every hit of a kind can reuse the same samples.
/// </summary>
public sealed class SampledDrumVoice(DrumSound sound, float[] samples, float gain, float sampleRate) : Voice
{
    private readonly int chokeFrames = Math.Max(1, (int)(0.004f * sampleRate));
    private int position;
    private int chokeLeft = -1;

    public DrumSound Sound => sound;

    /// <summary>An open hat is cut short by the next closed hat: a 4 ms fade, so the cut does not click.</summary>
    public void Choke()
    {
        if (chokeLeft < 0)
        {
            chokeLeft = chokeFrames;
        }
    }

    public override void NoteOff()
    {
    }

    public override bool Render(Span<float> output)
    {
        var count = Math.Min(output.Length, samples.Length - position);
        if (chokeLeft < 0)
        {
            Mastering.SampleMath.AddScaled(samples.AsSpan(position, count), output, gain);
            position += count;
            return position < samples.Length;
        }

        count = Math.Min(count, chokeLeft);
        for (var n = 0; n < count; n++)
        {
            output[n] += samples[position + n] * gain * (chokeLeft - n) / chokeFrames;
        }

        position += count;
        chokeLeft -= count;
        return chokeLeft > 0 && position < samples.Length;
    }
}
