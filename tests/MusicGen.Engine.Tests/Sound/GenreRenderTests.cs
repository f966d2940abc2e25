using MusicGen.Engine.Mastering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

public sealed class GenreRenderTests
{
    public static TheoryData<Genre, double> GenresAndLengths()
    {
        var data = new TheoryData<Genre, double>();
        foreach (var seconds in new[] { 3.0, 30.0, 240.0 })
        {
            foreach (var genre in Enum.GetValues<Genre>())
            {
                data.Add(genre, seconds);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GenresAndLengths))]
    public void GenerateGenreAtLengthIsMasteredAndClean(Genre genre, double seconds)
    {
        // Four-minute songs render at 16 kHz (the lowest output rate) to keep the suite fast; the same code runs at every rate.
        var rate = seconds <= 30 ? 44100 : 16000;
        var result = seconds <= 30 ? RenderCache.Get(genre, seconds) : RenderCache.Generate(genre, seconds, "pcm_16000");
        result.Brief.Genre.ShouldBe(genre);
        var pcm = result.Tracks.ShouldHaveSingleItem().Pcm;

        pcm.Length.ShouldBe(2 * (int)Math.Round(seconds * rate), "length exact to the frame");
        pcm.All(float.IsFinite).ShouldBeTrue("no NaN or infinity");
        pcm.Max(MathF.Abs).ShouldBeLessThan(1f, "no clipping");
        LoudnessMeter.Measure(pcm, rate).ShouldBe(-14.0, 0.05, "the master's own aim (the promise is ±0.5 LU)");
        TruePeakDetector.MeasureDbtp(pcm).ShouldBeLessThanOrEqualTo(-1.0);
        double left = 0, right = 0;
        for (var i = 0; i < pcm.Length; i += 2)
        {
            left += pcm[i];
            right += pcm[i + 1];
        }

        Math.Abs(left / (pcm.Length / 2)).ShouldBeLessThan(1e-3, "no DC offset");
        Math.Abs(right / (pcm.Length / 2)).ShouldBeLessThan(1e-3, "no DC offset");
        Math.Abs(pcm[0]).ShouldBeLessThan(1e-3f, "clean fade-in");
        Math.Abs(pcm[^1]).ShouldBeLessThan(1e-3f, "clean fade-out");
    }
}
