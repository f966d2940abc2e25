namespace MusicGen.Engine.Synthesis;

/// <summary>A note played back from a take rendered earlier, note-off and release included, at its own gain.</summary>
public sealed class SampledVoice(float[] samples, float gain) : Voice
{
    private int position;

    /// <summary>The take already holds the release.</summary>
    public override void NoteOff()
    {
    }

    public override bool Render(Span<float> output)
    {
        var count = Math.Min(output.Length, samples.Length - position);
        Mastering.SampleMath.AddScaled(samples.AsSpan(position, count), output, gain);
        position += count;
        return position < samples.Length;
    }
}
