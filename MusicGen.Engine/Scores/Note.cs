namespace MusicGen.Engine.Scores;

/// <summary>
/// One note. <see cref="Start"/> and <see cref="Duration"/> are in quarter-note beats from the start of
/// the song and already include humanisation (swing, 1/f timing drift); velocity is MIDI 1–127.
/// </summary>
public readonly record struct Note(double Start, double Duration, int Pitch, int Velocity)
{
    /// <summary>
    /// Portamento: the note starts at this pitch and slides to <see cref="Pitch"/> over <see cref="GlideSeconds"/>
    /// (a 303 slide, an 808 glide). Null for a plain note. The slide time is in seconds, not beats, as on the
    /// instruments it imitates: their slide circuit has a fixed time whatever the tempo.
    /// </summary>
    public int? GlideFrom { get; init; }

    public double GlideSeconds { get; init; }

    /// <summary>
    /// A drum hit's tuning, when it is not the key sounding: the tonic (pitch class) the kit's pitched drums are tuned
    /// to for it, as for a timpani roll on the coming key's dominant. Null: the key sounding at the note.
    /// </summary>
    public int? KitTonic { get; init; }

    /// <summary>Semitones a hi-hat hit is tuned by, as a trap producer pitches a hat roll up or down; 0: the kit's own.</summary>
    public int HatTune { get; init; }

    /// <summary>
    /// The note swells from nothing to its velocity over its whole length, brightening as it grows: a brass crescendo
    /// into what follows. Voices without an envelope to stretch (drums, plucks, FM) play it plain.
    /// </summary>
    public bool Swell { get; init; }
}
