using MusicGen.Engine.Mastering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

public sealed class GenreRenderTests
{
    public static TheoryData<Genre, double> GenresAndLengths()
    {
        var data = new TheoryData<Genre, double>();
        foreach (var genre in Enum.GetValues<Genre>())
        {
            foreach (var seconds in new[] { 3.0, 30.0, 240.0 })
            {
                data.Add(genre, seconds);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GenresAndLengths))]
    public void RenderGenreAtLengthIsMasteredAndClean(Genre genre, double seconds)
    {
        var track = RenderCache.Get(genre, seconds);
        var pcm = track.Pcm;

        pcm.Length.ShouldBe(2 * (int)Math.Round(seconds * 44100));
        pcm.All(float.IsFinite).ShouldBeTrue("no NaN or infinity");
        pcm.Max(MathF.Abs).ShouldBeLessThan(1f, "no clipping");
        LoudnessMeter.Measure(pcm, 44100).ShouldBe(-14.0, 0.5);
        TruePeakDetector.MeasureDbtp(pcm).ShouldBeLessThanOrEqualTo(-1.0);
        var dcLeft = 0.0;
        var dcRight = 0.0;
        for (var i = 0; i < pcm.Length; i += 2)
        {
            dcLeft += pcm[i];
            dcRight += pcm[i + 1];
        }

        Math.Abs(dcLeft / (pcm.Length / 2)).ShouldBeLessThan(1e-3, "no DC offset");
        Math.Abs(dcRight / (pcm.Length / 2)).ShouldBeLessThan(1e-3, "no DC offset");
        Math.Abs(pcm[^1]).ShouldBeLessThan(1e-3f, "fades out cleanly");
        Math.Abs(pcm[0]).ShouldBeLessThan(1e-3f, "fades in cleanly");
    }
}
