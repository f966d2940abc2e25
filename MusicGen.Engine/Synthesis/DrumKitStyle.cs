using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Synthesis;

/// <summary>How a genre's kit is tuned: kick sweep and length, snare body, brightness of metals.</summary>
public sealed record DrumKitStyle(float KickStartHz, float KickEndHz, float KickSweep, float KickDecay, float KickClick, float SnareTone, float SnareDecay, float MetalBrightness)
{
    public static DrumKitStyle For(Genre genre) => genre switch
    {
        Genre.HipHop => new(140f, 44f, 0.06f, 0.9f, 0.4f, 0.5f, 0.2f, 1.0f),
        Genre.LofiHipHop => new(120f, 52f, 0.035f, 0.35f, 0.3f, 0.6f, 0.16f, 0.6f),
        Genre.Techno => new(170f, 47f, 0.045f, 0.55f, 0.8f, 0.35f, 0.18f, 1.0f),
        Genre.House or Genre.Trance => new(160f, 50f, 0.04f, 0.42f, 0.7f, 0.4f, 0.18f, 1.0f),
        Genre.DrumAndBass => new(180f, 55f, 0.025f, 0.28f, 1.0f, 0.55f, 0.15f, 1.1f),
        Genre.Synthwave => new(150f, 50f, 0.035f, 0.4f, 0.6f, 0.6f, 0.28f, 0.9f),
        Genre.Cinematic => new(110f, 40f, 0.08f, 1.0f, 0.2f, 0.7f, 0.3f, 0.8f),
        Genre.Jazz => new(110f, 60f, 0.02f, 0.25f, 0.2f, 0.7f, 0.16f, 0.7f),
        _ => new(150f, 55f, 0.03f, 0.35f, 0.6f, 0.6f, 0.2f, 0.9f),
    };
}
