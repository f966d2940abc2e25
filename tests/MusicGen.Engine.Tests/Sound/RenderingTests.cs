using System.Security.Cryptography;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

public sealed class RenderingTests
{
    private static string Hash(float[] pcm)
    {
        var bytes = new byte[pcm.Length * 4];
        Buffer.BlockCopy(pcm, 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    [Fact]
    public void RenderSameScoreTwiceGivesBitIdenticalPcm()
    {
        var format = OutputFormat.Parse("pcm_44100");
        var first = TrackRenderer.Render(HandScores.Create(Genre.House, 6, seed: 5), format, stems: false, cancellationToken: TestContext.Current.CancellationToken);
        var second = TrackRenderer.Render(HandScores.Create(Genre.House, 6, seed: 5), format, stems: false, cancellationToken: TestContext.Current.CancellationToken);

        Hash(second.Pcm).ShouldBe(Hash(first.Pcm));
        Convert.ToHexString(SHA256.HashData(second.Audio)).ShouldBe(Convert.ToHexString(SHA256.HashData(first.Audio)));
    }

    [Fact]
    public void RenderDifferentSeedsGivesDifferentPcm()
    {
        var format = OutputFormat.Parse("pcm_44100");
        var first = TrackRenderer.Render(HandScores.Create(Genre.Pop, 6, seed: 1), format, stems: false, cancellationToken: TestContext.Current.CancellationToken);
        var second = TrackRenderer.Render(HandScores.Create(Genre.Pop, 6, seed: 2), format, stems: false, cancellationToken: TestContext.Current.CancellationToken);

        Hash(second.Pcm).ShouldNotBe(Hash(first.Pcm));
    }

    [Fact]
    public void RenderWithStemsStemsSumToPreMasterMix()
    {
        var score = HandScores.Create(Genre.Trance, 8, seed: 3);

        var mix = ScoreRenderer.Render(score, 44100, keepStems: true, cancellationToken: TestContext.Current.CancellationToken);

        mix.Stems.ShouldNotBeNull();
        mix.Stems.Count.ShouldBe(4);
        var worst = 0f;
        for (var i = 0; i < mix.Mix.Length; i++)
        {
            var sum = 0f;
            foreach (var group in Enum.GetValues<StemGroup>())
            {
                sum += mix.Stems[group][i];
            }

            worst = Math.Max(worst, Math.Abs(sum - mix.Mix[i]));
        }

        worst.ShouldBeLessThan(1e-6f);
        foreach (var group in Enum.GetValues<StemGroup>())
        {
            mix.Stems[group].Max(MathF.Abs).ShouldBeGreaterThan(0.001f, $"stem {group} is silent");
        }
    }

    [Theory]
    [InlineData(3.0, 44100)]
    [InlineData(7.3333, 44100)]
    [InlineData(12.51, 48000)]
    [InlineData(4.2, 22050)]
    public void RenderLengthIsExactToTheFrame(double seconds, int sampleRate)
    {
        var score = HandScores.Create(Genre.Funk, seconds, seed: 9);

        var mix = ScoreRenderer.Render(score, sampleRate, keepStems: false, cancellationToken: TestContext.Current.CancellationToken);

        mix.Frames.ShouldBe((int)Math.Round(seconds * sampleRate));
    }

    [Fact]
    public void RenderScoreWithoutNotesRejectsWithArgumentException()
    {
        var score = HandScores.Create(Genre.Pop, 4) with { Parts = [] };

        Should.Throw<ArgumentException>(() => TrackRenderer.Render(score, OutputFormat.Parse("pcm_44100"), stems: false, cancellationToken: TestContext.Current.CancellationToken));
    }
}
