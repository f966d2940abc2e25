namespace MusicGen.Engine.Scores;

/// <summary>
/// One note. <see cref="Start"/> and <see cref="Duration"/> are in quarter-note beats from the start of
/// the song and already include humanisation (swing, 1/f timing drift); velocity is MIDI 1–127.
/// </summary>
public readonly record struct Note(double Start, double Duration, int Pitch, int Velocity);
