namespace MusicGen.Contracts.Generations;

/// <summary>
/// One variation of a generation: its files and, once analysed, tempo, key, section layout and a waveform
/// overview (<see cref="WaveformPeaks"/>: values in [0, 1] from start to end, for drawing players), and the
/// measured loudness (<see cref="LoudnessLufs"/>, integrated, LUFS) and true peak (<see cref="TruePeakDbtp"/>, dBTP)
/// when the provider reports them.
/// </summary>
public sealed record TrackResponse(
    Guid Id,
    int VariantIndex,
    string Title,
    int DurationMs,
    IReadOnlyList<TrackFileResponse> Files,
    double? Bpm = null,
    string? MusicalKey = null,
    IReadOnlyList<TrackSectionResponse>? Sections = null,
    IReadOnlyList<float>? WaveformPeaks = null,
    double? LoudnessLufs = null,
    double? TruePeakDbtp = null);
