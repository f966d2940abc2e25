using MusicGen.Engine.Analysis;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine;

/// <summary>Score → rendered mix → master → encoded track with analysis (and stems when asked).</summary>
public static class TrackRenderer
{
    /// <param name="progress">Reports 0–1: rendering takes the first 80 %, mastering and encoding the rest.</param>
    /// <param name="keepPcm">Keep the mastered float PCM in <see cref="GeneratedTrack.Pcm"/> (else it is empty).</param>
    public static GeneratedTrack Render(Score score, OutputFormat format, bool stems, int index = 0, byte[]? midi = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default, bool keepPcm = true)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(format);
        var renderProgress = progress is null ? null : new Progress(p => progress.Report(p * 0.8));
        var mix = ScoreRenderer.Render(score, format.SampleRate, stems, renderProgress, cancellationToken);
        var (audio, report) = Master.ProcessInPlace(mix, score.Genre, cancellationToken);
        progress?.Report(0.9);
        var encoded = AudioEncoder.Encode(audio, format, cancellationToken);
        var stemFiles = new Dictionary<StemGroup, byte[]>();
        if (mix.Stems is not null)
        {
            foreach (var (group, pcm) in StemMaster.Scale(mix, report.GainDb))
            {
                cancellationToken.ThrowIfCancellationRequested();
                stemFiles[group] = AudioEncoder.Encode(pcm, format, cancellationToken);
            }
        }

        progress?.Report(1.0);
        var analysis = TrackAnalysis.Create(score, audio, format.SampleRate, report);
        return new GeneratedTrack(index, score.Seed, format, encoded, stemFiles, midi, analysis, score) { Pcm = keepPcm ? audio : [] };
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
