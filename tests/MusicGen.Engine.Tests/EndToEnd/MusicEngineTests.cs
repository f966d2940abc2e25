using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.EndToEnd;

public sealed partial class MusicEngineTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Hash(float[] pcm)
    {
        var bytes = new byte[pcm.Length * 4];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    [Fact]
    public void GenerateSameRequestTwiceGivesBitIdenticalPcm()
    {
        var request = new GenerationRequest { Prompt = "deep house 124 bpm in A minor", LengthSeconds = 8, Seed = 42, OutputFormat = "pcm_44100", KeepPcm = true };

        var first = MusicEngine.Generate(request, cancellationToken: Token);
        var second = MusicEngine.Generate(request, cancellationToken: Token);

        Hash(second.Tracks[0].Pcm).ShouldBe(Hash(first.Tracks[0].Pcm));
    }

    [Fact]
    public void GenerateWithoutKeepPcmLeavesPcmEmptyAndEncodesTheSameAudio()
    {
        var request = new GenerationRequest { Prompt = "deep house 124 bpm in A minor", LengthSeconds = 5, Seed = 42, OutputFormat = "pcm_44100" };

        var withoutPcm = MusicEngine.Generate(request, cancellationToken: Token).Tracks[0];
        var withPcm = MusicEngine.Generate(request with { KeepPcm = true }, cancellationToken: Token).Tracks[0];

        withoutPcm.Pcm.ShouldBeEmpty();
        withPcm.Pcm.Length.ShouldBe(5 * 44100 * 2);
        Convert.ToHexString(SHA256.HashData(withoutPcm.Audio)).ShouldBe(Convert.ToHexString(SHA256.HashData(withPcm.Audio)));
    }

    [Fact]
    public void GenerateVariationsGivesDifferentTakes()
    {
        var request = new GenerationRequest { Prompt = "lofi study beats", LengthSeconds = 8, Seed = 42, Variations = 2, OutputFormat = "pcm_44100", KeepPcm = true };

        var result = MusicEngine.Generate(request, cancellationToken: Token);

        result.Tracks.Count.ShouldBe(2);
        result.Tracks[0].Seed.ShouldNotBe(result.Tracks[1].Seed);
        Hash(result.Tracks[1].Pcm).ShouldNotBe(Hash(result.Tracks[0].Pcm));
    }

    [Fact]
    public void GenerateWithStemsAndMidiReturnsFourStemsAndAMidiFile()
    {
        var progress = new List<GenerationProgress>();
        var request = new GenerationRequest { Prompt = "funk groove", LengthSeconds = 6, Seed = 1, OutputFormat = "wav_44100", IncludeStems = true, IncludeMidi = true };

        var track = MusicEngine.Generate(request, new SyncProgress(progress.Add), Token).Tracks.ShouldHaveSingleItem();

        track.Stems.Keys.Order().ShouldBe(Enum.GetValues<StemGroup>());
        track.Stems.Values.ShouldAllBe(s => s.Length == track.Audio.Length);
        track.Midi.ShouldNotBeNull();
        System.Text.Encoding.ASCII.GetString(track.Midi, 0, 4).ShouldBe("MThd");
        track.Analysis.WaveformPeaks.Count.ShouldBe(1000);
        track.Analysis.Sections.ShouldNotBeEmpty();
        track.Analysis.Bpm.ShouldBe(track.Score.Bpm);
        progress.ShouldNotBeEmpty();
        progress[^1].Fraction.ShouldBe(1.0);
    }

    [Fact]
    public void GenerateBadInputThrowsArgumentExceptions()
    {
        Should.Throw<ArgumentException>(() => MusicEngine.Generate(new GenerationRequest { Prompt = "" }, cancellationToken: Token));
        Should.Throw<ArgumentException>(() => MusicEngine.Generate(new GenerationRequest { Prompt = new string('a', 2001) }, cancellationToken: Token));
        Should.Throw<ArgumentException>(() => MusicEngine.Generate(new GenerationRequest { Prompt = "pop", LengthSeconds = 2 }, cancellationToken: Token));
        Should.Throw<ArgumentException>(() => MusicEngine.Generate(new GenerationRequest { Prompt = "pop", LengthSeconds = 601 }, cancellationToken: Token));
        Should.Throw<ArgumentException>(() => MusicEngine.Generate(new GenerationRequest { Prompt = "pop", OutputFormat = "flac_44100" }, cancellationToken: Token));
        Should.Throw<ArgumentException>(() => MusicEngine.Generate(new GenerationRequest { Prompt = "pop", Variations = 0 }, cancellationToken: Token));
    }

    [Fact]
    public void GenerateMp3DecodesWithExactDuration()
    {
        var ffprobe = ExternalTools.Require("ffprobe");
        var track = MusicEngine.Generate(new GenerationRequest { Prompt = "synthwave night drive", LengthSeconds = 12, Seed = 3, OutputFormat = "mp3_44100_192" }, cancellationToken: Token).Tracks[0];
        var path = Path.Combine(Path.GetTempPath(), $"musicgen-{Guid.NewGuid():N}.mp3");
        File.WriteAllBytes(path, track.Audio);
        try
        {
            var output = ExternalTools.Run(ffprobe, Token, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path);

            var duration = double.Parse(output.Trim(), CultureInfo.InvariantCulture);
            duration.ShouldBe(12.0, 0.05);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("techno 130 bpm")]
    [InlineData("classical piano nocturne")]
    public void GenerateLoudnessMatchesFfmpegEbur128(string prompt)
    {
        var ffmpeg = ExternalTools.Require("ffmpeg");
        var track = MusicEngine.Generate(new GenerationRequest { Prompt = prompt, LengthSeconds = 30, Seed = 5, OutputFormat = "wav_44100_24" }, cancellationToken: Token).Tracks[0];
        var path = Path.Combine(Path.GetTempPath(), $"musicgen-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, track.Audio);
        try
        {
            var output = ExternalTools.Run(ffmpeg, Token, "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-");

            var summary = output[output.LastIndexOf("Summary:", StringComparison.Ordinal)..];
            var integrated = double.Parse(IntegratedPattern().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
            var peak = double.Parse(PeakPattern().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
            integrated.ShouldBe(-14.0, 0.5);
            peak.ShouldBeLessThanOrEqualTo(-1.0);
            track.Analysis.IntegratedLufs.ShouldBe(integrated, 0.3);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"I:\s+(-?\d+(?:\.\d+)?) LUFS")]
    private static partial Regex IntegratedPattern();

    [GeneratedRegex(@"Peak:\s+(-?\d+(?:\.\d+)?) dBFS")]
    private static partial Regex PeakPattern();

    private sealed class SyncProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
