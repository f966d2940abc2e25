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
}
