using MusicGen.Engine.Analysis;

namespace MusicGen.Core.Providers;

/// <summary>
/// One track a provider returned: the audio in the generation's format, optionally the MIDI score, and
/// what is known of it (a hosted provider may know only the duration, and leaves loudness and true peak null).
/// </summary>
public sealed record ProvidedTrack(
    int Variant,
    byte[] Audio,
    string FileExtension,
    string ContentType,
    byte[]? Midi,
    double DurationSeconds,
    double? Bpm = null,
    string? Key = null,
    IReadOnlyList<SectionMarker>? Sections = null,
    IReadOnlyList<float>? WaveformPeaks = null,
    double? IntegratedLufs = null,
    double? TruePeakDbtp = null);
