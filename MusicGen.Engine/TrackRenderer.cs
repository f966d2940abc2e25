using MusicGen.Engine.Analysis;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine;

/// <summary>Score → rendered mix → master → encoded track with analysis (and stems when asked).</summary>
/// <remarks>
/// The song streams through: each block is rendered straight into a
/// <see cref="SampleStore"/> (memory for short songs, a temporary file for long ones) and gets the master's tone and fades there; the master's
/// measuring passes read it back chunk by chunk, and the last pass limits it straight into the encoder
/// and the meters. A take's heap is then a few chunks and the encoded file, whatever the song's length.
/// </remarks>
public static class TrackRenderer
{
    /// <param name="progress">Reports 0–1: rendering takes the first 80 %, mastering and encoding the rest.</param>
    /// <param name="keepPcm">Keep the mastered float PCM in <see cref="GeneratedTrack.Pcm"/> (else it is empty).</param>
    public static GeneratedTrack Render(Score score, OutputFormat format, bool stems, int index = 0, byte[]? midi = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default, bool keepPcm = true)
    {
        ArgumentNullException.ThrowIfNull(format);
        var frames = ScoreRenderer.FrameCount(score, format.SampleRate);
        var bytes = frames * 2 * sizeof(float) * (stems ? 1 + Enum.GetValues<StemGroup>().Length : 1);
        return Render(score, format, stems, index, midi, progress, keepPcm, SampleStore.Spills(bytes), cancellationToken);
    }

    /// <param name="spill">Keep the song between render and master in temporary files rather than in memory.</param>
    internal static GeneratedTrack Render(Score score, OutputFormat format, bool stems, int index, byte[]? midi, IProgress<double>? progress, bool keepPcm, bool spill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(format);
        var sampleRate = format.SampleRate;
        var frames = ScoreRenderer.FrameCount(score, sampleRate);
        var stores = new List<SampleStore>();
        try
        {
            var mix = SampleStore.Create(2 * frames, spill);
            stores.Add(mix);
            (StemGroup Group, SampleStore Store)[] stemStores = stems
                ? [.. Enum.GetValues<StemGroup>().Order().Select(g => (g, SampleStore.Create(2 * frames, spill)))]
                : [];
            stores.AddRange(stemStores.Select(s => s.Store));

            var tone = new MasterTone(sampleRate, frames, GenreSound.For(score.Genre));
            var stemPeak = 0f;
            var renderProgress = progress is null ? null : new Progress(p => progress.Report(p * 0.8));
            // Each block is rendered straight into the mix's store and toned there.
            ScoreRenderer.Render(score, sampleRate, stems, block =>
            {
                tone.Process(block.Mix);
                foreach (var (group, store) in stemStores)
                {
                    var stem = block.Stem(group);
                    stemPeak = Math.Max(stemPeak, SampleMath.MaxAbs(stem));
                    store.Append(stem);
                }
            }, renderProgress, cancellationToken, mix.Reserve);

            var gain = Master.FindGain(mix, sampleRate, tone.Meter, cancellationToken);
            progress?.Report(0.9);
            using var writer = AudioWriter.Create(format, frames, cancellationToken);
            var output = new MasteredOutput(writer, sampleRate, frames, keepPcm);
            Master.Limit(mix, sampleRate, gain, output, cancellationToken, consume: true);
            var encoded = writer.Finish();
            var report = new MasteringReport(output.Loudness.IntegratedLufs, output.TruePeak.Finish(), gain.TotalDb);

            var stemFiles = new Dictionary<StemGroup, byte[]>();
            if (stems)
            {
                var stemGain = (float)Math.Pow(10.0, report.GainDb / 20.0);
                var safe = StemMaster.SafeScale(stemPeak, stemGain);
                foreach (var (group, store) in stemStores)
                {
                    using var stemWriter = AudioWriter.Create(format, frames, cancellationToken);
                    StemMaster.Write(store, stemGain, safe, stemWriter, cancellationToken);
                    stemFiles[group] = stemWriter.Finish();
                }
            }

            progress?.Report(1.0);
            var analysis = TrackAnalysis.Create(score, frames / (double)sampleRate, report, output.Waveform.Peaks);
            return new GeneratedTrack(index, score.Seed, format, encoded, stemFiles, midi, analysis, score) { Pcm = output.Pcm };
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
