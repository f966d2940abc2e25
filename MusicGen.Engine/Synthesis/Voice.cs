namespace MusicGen.Engine.Synthesis;

/// <summary>One sounding note. Voices add their mono output into a block and report when they fall silent.</summary>
public abstract class Voice
{
    /// <summary>Starts the release phase (the key was let go).</summary>
    public abstract void NoteOff();

    /// <summary>Adds the next <paramref name="output"/>.Length samples; returns false once the voice is silent for good.</summary>
    public abstract bool Render(Span<float> output);

    /// <summary>
    /// Multiplies the voice's output by <paramref name="factor"/> from now on, where the voice applies an output gain of
    /// its own (a played note's velocity within its take's layer, without another pass over the samples). False: it
    /// has none that leaves the rest of the sound alone, and the caller scales the samples.
    /// </summary>
    public virtual bool TryScale(float factor) => false;

    protected static float MidiToHz(float pitch) => 440f * MathF.Pow(2f, (pitch - 69f) / 12f);
}
