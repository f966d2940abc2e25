using MusicGen.Engine.Plans;

namespace MusicGen.Engine;

/// <summary>
/// What to generate: a prompt (or an ElevenLabs-style composition plan), optional length and seed that
/// win over the text, how many variations, the output format name, and whether to add stems and MIDI.
/// </summary>
public sealed record GenerationRequest
{
    public const int MaxVariations = 8;

    public string? Prompt { get; init; }
    public CompositionPlan? Plan { get; init; }
    public double? LengthSeconds { get; init; }
    public ulong? Seed { get; init; }
    public int Variations { get; init; } = 1;
    public string OutputFormat { get; init; } = "mp3_44100_128";
    public bool IncludeStems { get; init; }
    public bool IncludeMidi { get; init; }

    /// <summary>
    /// Keep each track's mastered float PCM in <see cref="GeneratedTrack.Pcm"/> (for checks and players).
    /// Off by default: a 10-minute track's PCM is about 200 MB, and without it that buffer can be freed
    /// as soon as the track is encoded.
    /// </summary>
    public bool KeepPcm { get; init; }
}
