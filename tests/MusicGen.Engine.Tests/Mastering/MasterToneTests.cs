using MusicGen.Engine.Mastering;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Mastering;

public sealed class MasterToneTests
{
    /// <summary>The level (dB) of a sine after the genre's master tone, measured away from the fades.</summary>
    private static double Gain(Genre genre, double hz)
    {
        const int rate = 44100;
        var frames = 3 * rate;
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            pcm[2 * n] = pcm[2 * n + 1] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * n / rate));
        }

        var tone = new MasterTone(rate, frames, GenreSound.For(genre));
        for (var start = 0; start < pcm.Length; start += 2 * 256)
        {
            tone.Process(pcm.AsSpan(start, Math.Min(2 * 256, pcm.Length - start)));
        }

        var middle = pcm.AsSpan(2 * rate, 2 * rate);
        var rms = Math.Sqrt(middle.ToArray().Average(x => (double)x * x));
        return 20 * Math.Log10(rms / (0.5 / Math.Sqrt(2)));
    }

    [Fact]
    public void LofiMasterKeepsTheMidsAndRollsTheTopOffSteeply()
    {
        Gain(Genre.LofiHipHop, 1000).ShouldBe(0, 0.5);

        // An octave above its 9 kHz corner a fourth-order low-pass is down 24 dB (a second-order one only 12).
        Gain(Genre.LofiHipHop, 18000).ShouldBeLessThan(-22);
    }

    [Fact]
    public void OtherGenresKeepTheirTop()
    {
        Gain(Genre.House, 18000).ShouldBe(0, 0.5);
    }

    [Fact]
    public void FadesFollowARaisedCosineInAndOutHoweverTheSongIsCut()
    {
        // Ambient fades in over 3 s and out over 6 s, at most a quarter of the song: 5 s of this 20 s one.
        const int rate = 8000;
        var frames = 20 * rate;
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            pcm[2 * n] = pcm[2 * n + 1] = (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * n / rate));
        }

        var input = (float[])pcm.Clone();
        var tone = new MasterTone(rate, frames, GenreSound.For(Genre.Ambient));
        int[] sizes = [1, 257, 3, 8191, 12, 4000, 64];
        for (int start = 0, i = 0; start < frames; i++)
        {
            var count = Math.Min(sizes[i % sizes.Length], frames - start);
            tone.Process(pcm.AsSpan(2 * start, 2 * count));
            start += count;
        }

        static double RaisedCosine(double k, double length) => 0.5 - 0.5 * Math.Cos(Math.PI * k / length);
        var (fadeIn, fadeOut) = (3 * rate, 5 * rate);
        // The level over 40 frames (five cycles; the DC filter's phase shift does not change it) against the fade there.
        for (var from = 0; from + 40 <= frames; from += 40)
        {
            double inEnergy = 0, outEnergy = 0;
            for (var n = from; n < from + 40; n++)
            {
                inEnergy += input[2 * n] * input[2 * n];
                outEnergy += pcm[2 * n] * pcm[2 * n];
                pcm[2 * n + 1].ShouldBe(pcm[2 * n]);
            }

            var middle = from + 19.5;
            var expected = middle < fadeIn ? RaisedCosine(middle, fadeIn) : middle >= frames - fadeOut ? RaisedCosine(frames - 1 - middle, fadeOut) : 1.0;
            Math.Sqrt(outEnergy / inEnergy).ShouldBe(expected, 0.004, $"frames {from}–{from + 39}");
        }

        pcm[0].ShouldBe(0f);
        pcm[^1].ShouldBe(0f);
    }
}
