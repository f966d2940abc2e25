using MusicGen.Engine.Analysis;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Tests.Sound;

namespace MusicGen.Engine.Tests.Analysis;

public sealed class EstimatorTests
{
    public static TheoryData<Genre> Genres() => new(Enum.GetValues<Genre>());

    [Theory]
    [MemberData(nameof(Genres))]
    public void EstimateTempoOfRenderedSongMatchesBrief(Genre genre)
    {
        var result = RenderCache.Get(genre, 30);

        var bpm = TempoEstimator.EstimateBpm(result.Tracks[0].Pcm, 44100);

        bpm.ShouldBe(result.Brief.Bpm, result.Brief.Bpm * 0.02);
    }

    [Theory]
    [MemberData(nameof(Genres))]
    public void EstimateKeyOfRenderedSongMatchesKeySignature(Genre genre)
    {
        var result = RenderCache.Get(genre, 30);

        var key = KeyEstimator.Estimate(result.Tracks[0].Pcm, 44100);

        KeyEstimator.SignatureTonic(key).ShouldBe(KeyEstimator.SignatureTonic(result.Brief.Key), $"estimated {key}, brief {result.Brief.Key}");
    }

    [Fact]
    public void EstimateKeyOfPureTriadsFindsTheKey()
    {
        var pcm = Tones(44100, 4, 57, 60, 64, 69);

        var key = KeyEstimator.Estimate(pcm, 44100);

        key.ShouldBe(new Key(9, Mode.Minor));
    }

    [Fact]
    public void EstimateTempoOfClickTrackFindsTempo()
    {
        const int rate = 44100;
        var pcm = new float[rate * 20 * 2];
        var period = rate * 60.0 / 123.0;
        for (var beat = 0.0; beat < rate * 20 - 2000; beat += period)
        {
            for (var n = 0; n < 800; n++)
            {
                var x = (float)(Math.Sin(n * 0.3) * Math.Exp(-n / 150.0));
                pcm[2 * ((int)beat + n)] = x;
                pcm[2 * ((int)beat + n) + 1] = x;
            }
        }

        TempoEstimator.EstimateBpm(pcm, rate).ShouldBe(123.0, 123 * 0.01);
    }

    private static float[] Tones(int rate, double seconds, params int[] pitches)
    {
        var pcm = new float[(int)(rate * seconds) * 2];
        for (var n = 0; n < pcm.Length / 2; n++)
        {
            var x = pitches.Sum(p => Math.Sin(2 * Math.PI * 440 * Math.Pow(2, (p - 69) / 12.0) * n / rate)) * 0.1;
            pcm[2 * n] = (float)x;
            pcm[2 * n + 1] = (float)x;
        }

        return pcm;
    }
}
