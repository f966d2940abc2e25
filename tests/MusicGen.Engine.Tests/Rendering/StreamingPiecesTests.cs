using MusicGen.Engine.Analysis;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>The streaming encoders, meters and sample stores give what their whole-buffer forms give, however the song is cut.</summary>
public sealed class StreamingPiecesTests
{
    private static float[] Music(int frames, int seed)
    {
        // Decaying bursts of noise over a sine: loud peaks between quiet stretches, like a mix.
        var random = new Random(seed);
        var pcm = new float[2 * frames];
        var envelope = 0f;
        for (var n = 0; n < frames; n++)
        {
            envelope = n % 11025 == 0 ? 1f : envelope * 0.9995f;
            var tone = 0.3f * MathF.Sin(n * 0.05f);
            pcm[2 * n] = tone + envelope * (float)(random.NextDouble() * 2 - 1) * 0.7f;
            pcm[2 * n + 1] = tone * 0.8f + envelope * (float)(random.NextDouble() * 2 - 1) * 0.6f;
        }

        return pcm;
    }

    [Theory]
    [InlineData("mp3_44100_128")]
    [InlineData("mp3_22050_32")]
    [InlineData("wav_48000")]
    [InlineData("wav_44100_24")]
    [InlineData("pcm_16000")]
    public void WriteInUnevenBlocksGivesTheSameFileAsEncodingWhole(string formatName)
    {
        var format = OutputFormat.Parse(formatName);
        var pcm = Music(70_001, 1);

        using var writer = AudioWriter.Create(format, pcm.Length / 2, TestContext.Current.CancellationToken);
        Reference.InUnevenBlocks(pcm, block => writer.Write(block));

        writer.Finish().ShouldBe(AudioEncoder.Encode(pcm, format, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void FinishBeforeTheWholeSongWasWrittenThrows()
    {
        using var writer = AudioWriter.Create(OutputFormat.Parse("wav_44100"), 1000, TestContext.Current.CancellationToken);
        writer.Write(new float[1000]);

        Should.Throw<InvalidOperationException>(() => writer.Finish());
    }

    [Fact]
    public void TruePeakMeterInUnevenBlocksMatchesTheFrameByFrameDetector()
    {
        var pcm = Music(50_000, 2);
        var left = new TruePeakDetector();
        var right = new TruePeakDetector();
        var expected = 0f;
        for (var n = 0; n < pcm.Length / 2; n++)
        {
            expected = Math.Max(expected, Math.Max(left.Next(pcm[2 * n]), right.Next(pcm[2 * n + 1])));
        }

        for (var n = 0; n < TruePeakDetector.Taps; n++)
        {
            expected = Math.Max(expected, Math.Max(left.Next(0f), right.Next(0f)));
        }

        var meter = new TruePeakMeter();
        Reference.InUnevenBlocks(pcm, block => meter.Add(block));

        meter.Finish().ShouldBe(20.0 * Math.Log10(expected));
        TruePeakDetector.MeasureDbtp(pcm).ShouldBe(20.0 * Math.Log10(expected));
    }

    [Theory]
    [InlineData(50_000, 1000)]
    [InlineData(999, 1000)]
    [InlineData(1, 1000)]
    [InlineData(123_457, 7)]
    public void WaveformPeakMeterInUnevenBlocksMatchesTheWholeBuffer(int frames, int count)
    {
        var pcm = Music(frames, 3);
        var meter = new WaveformPeakMeter(frames, count);

        Reference.InUnevenBlocks(pcm, block => meter.Add(block));

        meter.Peaks.ShouldBe(Reference.WaveformPeaks(pcm, count));
        WaveformPeaks.Compute(pcm, count).ShouldBe(Reference.WaveformPeaks(pcm, count));
    }

    [Fact]
    public void FileSampleStoreReadsBackWhatWasAppendedAndCommittedAlsoInAKeptFile()
    {
        var directory = Directory.CreateTempSubdirectory("musicgen-store-test-");
        try
        {
            using (var files = new SpillFiles(1L << 20, directory.FullName))
            {
                // The longer take first, so that the second one's file holds the first one's samples past its own end.
                foreach (var pcm in new[] { Music(40_000, 4), Music(30_000, 5) })
                {
                    using var store = new FileSampleStore(pcm.Length, files);
                    if (!OperatingSystem.IsWindows())
                    {
                        // Unlinked at once: a crash cannot leave it behind.
                        directory.GetFiles().ShouldBeEmpty();
                    }

                    Reference.InUnevenBlocks(pcm, block => store.Append(block));
                    for (long start = 0; start < store.Length; start += SampleStore.ChunkSamples)
                    {
                        var chunk = store.Chunk(start, store.ChunkLength(start));
                        chunk.ToArray().ShouldBe(pcm[(int)start..(int)(start + chunk.Length)]);
                        SampleMath.Scale(chunk, 0.5f);
                        store.Commit(start, chunk);
                    }

                    var read = new List<float>();
                    for (long start = 0; start < store.Length; start += SampleStore.ChunkSamples)
                    {
                        read.AddRange(store.Chunk(start, store.ChunkLength(start)).ToArray());
                    }

                    read.ShouldBe(pcm.Select(x => x * 0.5f));
                }
            }

            directory.GetFiles().ShouldBeEmpty();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void SpillFilesKeepAFileForTheNextTakeUpToTheirLimit()
    {
        var directory = Directory.CreateTempSubdirectory("musicgen-spill-test-");
        try
        {
            using var files = new SpillFiles(3000, directory.FullName);
            var (first, firstBytes) = files.Open(2000);
            files.Return(first, firstBytes);

            // The next take that fits gets the same file back; one that does not, a new file.
            var (again, againBytes) = files.Open(1500);
            again.ShouldBeSameAs(first);
            againBytes.ShouldBe(2000);
            var (longer, longerBytes) = files.Open(2500);
            longer.ShouldNotBeSameAs(first);

            // Both would keep 4500 bytes: the second one back is closed instead.
            files.Return(again, againBytes);
            files.Return(longer, longerBytes);
            again.IsClosed.ShouldBeFalse();
            longer.IsClosed.ShouldBeTrue();
            files.Dispose();
            again.IsClosed.ShouldBeTrue();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
