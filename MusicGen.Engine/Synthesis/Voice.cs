namespace MusicGen.Engine.Synthesis;

/// <summary>One sounding note. Voices add their mono output into a block and report when they fall silent.</summary>
public abstract class Voice
{
    /// <summary>Starts the release phase (the key was let go).</summary>
    public abstract void NoteOff();

    /// <summary>Adds the next <paramref name="output"/>.Length samples; returns false once the voice is silent for good.</summary>
    public abstract bool Render(Span<float> output);

    protected static float MidiToHz(float pitch) => 440f * MathF.Pow(2f, (pitch - 69f) / 12f);
}
