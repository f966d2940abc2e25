namespace MusicGen.Engine.Scores;

/// <summary>The genres the engine composes, each with its own template (tempo, form, harmony, drums, bass, palette).</summary>
public enum Genre
{
    LofiHipHop,
    HipHop,
    Pop,
    Rock,
    House,
    Techno,
    Trance,
    DrumAndBass,
    Synthwave,
    Ambient,
    Cinematic,
    Jazz,
    ClassicalPiano,
    Funk,
}
