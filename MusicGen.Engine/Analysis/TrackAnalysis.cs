using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Analysis;

/// <summary>What a track is: tempo, key, sections, loudness, true peak and a waveform overview.</summary>
public sealed record TrackAnalysis(
    double Bpm,
    string Key,
    string Meter,
    double DurationSeconds,
    IReadOnlyList<SectionMarker> Sections,
    double IntegratedLufs,
    double TruePeakDbtp,
    IReadOnlyList<float> WaveformPeaks)
{
    /// <summary>Describes a mastered track from its score (tempo, key, form are known exactly) and the master's measurements.</summary>
    public static TrackAnalysis Create(Score score, float[] audio, int sampleRate, MasteringReport report) => new(
        score.Bpm,
        score.Key.ToString(),
        score.Meter.ToString(),
        audio.Length / 2 / (double)sampleRate,
        score.Sections
            .OrderBy(s => s.StartBeat)
            .Select(s => new SectionMarker(s.Name, score.BeatToSeconds(s.StartBeat), score.BeatToSeconds(s.LengthBeats), s.Energy))
            .ToArray(),
        Math.Round(report.IntegratedLufs, 2),
        Math.Round(report.TruePeakDbtp, 2),
        Analysis.WaveformPeaks.Compute(audio));
}
