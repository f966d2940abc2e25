using System.Security.Cryptography;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Tests.Sound;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>
/// Long songs wait for the master in temporary files instead of memory: the take must come out the
/// same, bit for bit, whichever store held it.
/// </summary>
public sealed class StreamingTakeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    private static string Hash(float[] pcm)
    {
        var bytes = new byte[pcm.Length * 4];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        return Hash(bytes);
    }

    [Theory]
    [InlineData("mp3_44100_128", Genre.House, true)]
    [InlineData("wav_48000", Genre.LofiHipHop, true)]
    [InlineData("wav_44100_24", Genre.Trance, false)]
    [InlineData("pcm_22050", Genre.Jazz, false)]
    public void RenderSpilledToFilesGivesTheSameTakeAsInMemory(string formatName, Genre genre, bool stems)
    {
        var format = OutputFormat.Parse(formatName);
        var score = HandScores.Create(genre, 9.5, seed: 4);

        var inMemory = TrackRenderer.Render(score, format, stems, 0, null, null, keepPcm: true, spill: false, Token);
        var spilled = TrackRenderer.Render(score, format, stems, 0, null, null, keepPcm: true, spill: true, Token);

        Hash(spilled.Audio).ShouldBe(Hash(inMemory.Audio));
        Hash(spilled.Pcm).ShouldBe(Hash(inMemory.Pcm));
        spilled.Stems.Keys.ShouldBe(inMemory.Stems.Keys, ignoreOrder: true);
        foreach (var (group, bytes) in inMemory.Stems)
        {
            Hash(spilled.Stems[group]).ShouldBe(Hash(bytes), $"stem {group}");
        }

        spilled.Analysis.IntegratedLufs.ShouldBe(inMemory.Analysis.IntegratedLufs);
        spilled.Analysis.TruePeakDbtp.ShouldBe(inMemory.Analysis.TruePeakDbtp);
        spilled.Analysis.DurationSeconds.ShouldBe(inMemory.Analysis.DurationSeconds);
        spilled.Analysis.WaveformPeaks.ShouldBe(inMemory.Analysis.WaveformPeaks);
    }

    [Fact]
    public void RenderStreamedMeasuresWhatItEncoded()
    {
        var format = OutputFormat.Parse("pcm_44100");
        var track = TrackRenderer.Render(HandScores.Create(Genre.Techno, 12, seed: 2), format, false, 0, null, null, keepPcm: true, spill: true, Token);

        track.Pcm.Length.ShouldBe(2 * 12 * 44100);
        track.Analysis.IntegratedLufs.ShouldBe(Math.Round(LoudnessMeter.Measure(track.Pcm, 44100), 2));
        track.Analysis.TruePeakDbtp.ShouldBe(Math.Round(TruePeakDetector.MeasureDbtp(track.Pcm), 2));
        track.Analysis.IntegratedLufs.ShouldBe(-14.0, 0.5);
        track.Analysis.TruePeakDbtp.ShouldBeLessThanOrEqualTo(-1.0);
        track.Analysis.WaveformPeaks.ShouldBe(Reference.WaveformPeaks(track.Pcm, 1000));
    }

    [Fact]
    public void RenderWithoutKeepPcmSpilledLeavesPcmEmpty()
    {
        var format = OutputFormat.Parse("mp3_44100_128");
        var track = TrackRenderer.Render(HandScores.Create(Genre.Pop, 5, seed: 1), format, false, 0, null, null, keepPcm: false, spill: true, Token);

        track.Pcm.ShouldBeEmpty();
        track.Audio.Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void RenderCanceledWhileSpilledThrowsOperationCanceled()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var reports = 0;
        var progress = new SyncProgress(_ =>
        {
            if (++reports == 20)
            {
                cancel.Cancel();
            }
        });

        Should.Throw<OperationCanceledException>(() => TrackRenderer.Render(HandScores.Create(Genre.House, 20, seed: 1), OutputFormat.Parse("mp3_44100_128"), true, 0, null, progress, keepPcm: false, spill: true, cancel.Token));
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
