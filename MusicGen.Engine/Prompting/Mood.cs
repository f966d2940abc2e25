namespace MusicGen.Engine.Prompting;

/// <summary>The feeling a prompt asks for; it picks the mode, nudges tempo within the genre's range and shifts the energy curve.</summary>
public enum Mood
{
    Neutral,
    Happy,
    Sad,
    Calm,
    Energetic,
    Dark,
    Epic,
    Romantic,
    Mysterious,
    Dreamy,
}
