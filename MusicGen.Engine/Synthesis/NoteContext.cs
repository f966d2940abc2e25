namespace MusicGen.Engine.Synthesis;

/// <summary>
/// What a voice needs at note-on: pitch, loudness, the section's energy (brightness) and a seed so
/// noise-based sounds stay deterministic.
/// </summary>
public readonly record struct NoteContext(int Pitch, float Velocity, float Energy, float SampleRate, uint Seed, float DurationSeconds)
{
    /// <summary>The pitch the note slides from (portamento); equal to <see cref="Pitch"/> for a plain note.</summary>
    public int GlideFrom { get; init; } = Pitch;

    public float GlideSeconds { get; init; }

    /// <summary>
    /// Octaves the part's filter automation moves the voice's cutoff by at note-on (an acid line's slow sweep);
    /// 0 leaves the patch's cutoff.
    /// </summary>
    public float CutoffOctaves { get; init; }

    /// <summary>
    /// The pitch class of the tonic sounding at the note (a last chorus lifted a step): the kit's pitched drums (kick,
    /// snare, toms, side stick, timpani) are tuned to it. Null: the song's key.
    /// </summary>
    public int? KeyTonic { get; init; }

    /// <summary>Semitones a hi-hat is tuned by (a pitched trap hat roll); 0: the kit's own tuning.</summary>
    public int HatTune { get; init; }

    /// <summary>The note swells in over its <see cref="DurationSeconds"/> (<see cref="Scores.Note.Swell"/>).</summary>
    public bool Swell { get; init; }
}
