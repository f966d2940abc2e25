using MusicGen.Engine.Mastering;
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
    public static TrackAnalysis Create(Score score, float[] audio, int sampleRate, MasteringReport report)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Create(score, audio.Length / 2 / (double)sampleRate, report, Analysis.WaveformPeaks.Compute(audio));
    }

    /// <summary>The same from figures measured while the track was streamed out (<see cref="WaveformPeakMeter"/>).</summary>
    public static TrackAnalysis Create(Score score, double durationSeconds, MasteringReport report, IReadOnlyList<float> waveformPeaks)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(report);
        return new(
            score.Bpm,
            score.Key.ToString(),
            score.Meter.ToString(),
            durationSeconds,
            score.Sections
                .OrderBy(s => s.StartBeat)
                .Select(s => new SectionMarker(s.Name, score.BeatToSeconds(s.StartBeat), score.BeatToSeconds(s.LengthBeats), s.Energy))
                .ToArray(),
            Math.Round(report.IntegratedLufs, 2),
            Math.Round(report.TruePeakDbtp, 2),
            waveformPeaks);
    }
}
