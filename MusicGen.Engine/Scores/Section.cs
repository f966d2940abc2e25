namespace MusicGen.Engine.Scores;

/// <summary>
/// A section of the form ("Intro", "Verse 1", "Drop" …). <see cref="Energy"/> (0–1) drives density,
/// drum patterns, velocity, filter cutoff and layering; the renderer reads it for brightness and sends.
/// </summary>
public sealed record Section(string Name, double StartBeat, double LengthBeats, double Energy)
{
    public double EndBeat => StartBeat + LengthBeats;

    /// <summary>The section's key when it differs from the song's home key (a last chorus lifted a step); null: the home key.</summary>
    public Key? Key { get; init; }
}
