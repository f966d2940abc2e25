using MusicGen.Engine.Analysis;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine;

/// <summary>
/// One finished take: the encoded, mastered audio; optionally stems (same format, same master gain,
/// no limiter) and a Standard MIDI File; the analysis; and the score it was rendered from.
/// </summary>
public sealed record GeneratedTrack(
    int Index,
    ulong Seed,
    OutputFormat Format,
    byte[] Audio,
    IReadOnlyDictionary<StemGroup, byte[]> Stems,
    byte[]? Midi,
    TrackAnalysis Analysis,
    Score Score)
{
    /// <summary>
    /// Mastered PCM (interleaved stereo float at the format's rate): what was encoded, kept for checks and
    /// players when asked (<see cref="GenerationRequest.KeepPcm"/>); empty otherwise.
    /// </summary>
    public required float[] Pcm { get; init; }
}
