using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Per-genre mix character: reverb space, delay feedback, master tone (low-pass for lo-fi warmth),
/// fade lengths and whether vinyl crackle sits under the music.
/// </summary>
public sealed record GenreSound(float RoomSize, float Damping, float ReverbLevel, float DelayFeedback, float MasterLowPassHz, double FadeInSeconds, double FadeOutSeconds, bool VinylCrackle)
{
    public static GenreSound For(Genre genre) => genre switch
    {
        Genre.LofiHipHop => new(0.6f, 0.6f, 1.0f, 0.3f, 9000f, 1.0, 4.0, true),
        Genre.HipHop => new(0.55f, 0.5f, 0.7f, 0.3f, 0f, 0.01, 1.5, false),
        Genre.Pop => new(0.7f, 0.45f, 0.9f, 0.3f, 0f, 0.01, 2.0, false),
        Genre.Rock => new(0.6f, 0.5f, 0.7f, 0.25f, 0f, 0.01, 2.0, false),
        Genre.House => new(0.65f, 0.4f, 0.8f, 0.35f, 0f, 0.01, 2.0, false),
        Genre.Techno => new(0.75f, 0.55f, 0.8f, 0.45f, 0f, 0.01, 2.0, false),
        Genre.Trance => new(0.85f, 0.35f, 1.1f, 0.45f, 0f, 0.01, 3.0, false),
        Genre.DrumAndBass => new(0.7f, 0.45f, 0.8f, 0.35f, 0f, 0.01, 2.0, false),
        Genre.Synthwave => new(0.82f, 0.35f, 1.1f, 0.4f, 0f, 0.01, 3.0, false),
        Genre.Ambient => new(0.95f, 0.3f, 1.6f, 0.55f, 0f, 3.0, 6.0, false),
        Genre.Cinematic => new(0.9f, 0.35f, 1.4f, 0.3f, 0f, 0.5, 4.0, false),
        Genre.Jazz => new(0.55f, 0.55f, 0.7f, 0.2f, 0f, 0.01, 2.5, false),
        Genre.ClassicalPiano => new(0.8f, 0.45f, 1.1f, 0f, 0f, 0.01, 3.0, false),
        Genre.Funk => new(0.45f, 0.55f, 0.6f, 0.25f, 0f, 0.01, 2.0, false),
        _ => new(0.7f, 0.5f, 1f, 0.3f, 0f, 0.01, 2.0, false),
    };
}
