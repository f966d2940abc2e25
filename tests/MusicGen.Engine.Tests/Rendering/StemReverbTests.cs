using MusicGen.Engine.Effects;
using MusicGen.Engine.Rendering;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>The stem buses' reverb runs at half rate (<see cref="StemReverb"/>) through a <see cref="HalfRateDecimator"/>.</summary>
public sealed class StemReverbTests
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(440.0)]
    [InlineData(2500.0)]
    [InlineData(7000.0)]
    public void DecimatedToneKeepsItsLevel(double hz)
    {
        var low = Decimate(Tone(hz, Rate));

        (20 * Math.Log10(Rms(low[1000..]) / Math.Sqrt(0.5))).ShouldBe(0, 0.1);
    }

    [Theory]
    [InlineData(16000.0)]
    [InlineData(19000.0)]
    public void WhatTheHalfRateCannotHoldIsTakenOutBeforeItFoldsDown(double hz)
    {
        // 16 kHz would fold to 6.05 kHz: the half-band filter keeps it more than 60 dB under the tone.
        var low = Decimate(Tone(hz, Rate));

        (20 * Math.Log10(Rms(low[1000..]) / Math.Sqrt(0.5))).ShouldBeLessThan(-60);
    }

    [Fact]
    public void HalfRateReverbTailMatchesTheFullRateOne()
    {
        // A burst of noise sent to both: the tails' energy, window by window as they die away, stays within 1 dB of the
        // full-rate reverb's, but for the first reflections, whose top above 10 kHz the half rate does not carry; and
        // octave by octave where the tail's sound is, within 2 dB (the combs' lengths round a little differently).
        var frames = 3 * Rate;
        var random = new Random(4);
        var send = new float[frames];
        for (var n = 0; n < Rate / 20; n++)
        {
            send[n] = (float)(random.NextDouble() - 0.5);
        }

        var (halfLeft, halfRight, fullLeft, fullRight) = (new float[frames], new float[frames], new float[frames], new float[frames]);
        var half = new StemReverb(ScoreRenderer.BlockFrames, Rate, 0.8f, 0.4f);
        var full = new Freeverb(Rate, 0.8f, 0.4f);
        for (var start = 0; start < frames; start += ScoreRenderer.BlockFrames)
        {
            var count = Math.Min(ScoreRenderer.BlockFrames, frames - start);
            var zeros = new float[count];
            half.Process(send.AsSpan(start, count), halfLeft.AsSpan(start, count), halfRight.AsSpan(start, count));
            full.Process(send.AsSpan(start, count), zeros, fullLeft.AsSpan(start, count), fullRight.AsSpan(start, count));
        }

        for (var window = 0.1; window < 2.0; window += 0.2)
        {
            var (from, to) = ((int)(window * Rate), (int)((window + 0.2) * Rate));
            var ratio = (Spectrum.Energy(halfLeft[from..to]) + Spectrum.Energy(halfRight[from..to])) / (Spectrum.Energy(fullLeft[from..to]) + Spectrum.Energy(fullRight[from..to]));
            (10 * Math.Log10(ratio)).ShouldBe(0, window < 0.3 ? 2.5 : 1.0, $"{window:F1}–{window + 0.2:F1} s");
        }

        var tail = (int)(0.1 * Rate);
        var total = new[] { 250.0, 500.0, 1000.0, 2000.0, 4000.0 }.Sum(hz => Spectrum.Band(fullLeft[tail..], hz, Rate));
        foreach (var hz in new[] { 250.0, 500.0, 1000.0, 2000.0, 4000.0 }.Where(hz => Spectrum.Band(fullLeft[tail..], hz, Rate) > 0.01 * total))
        {
            (10 * Math.Log10(Spectrum.Band(halfLeft[tail..], hz, Rate) / Spectrum.Band(fullLeft[tail..], hz, Rate))).ShouldBe(0, 2.0, $"{hz} Hz octave");
        }
    }

    private static float[] Tone(double hz, int frames) => [.. Enumerable.Range(0, frames).Select(n => (float)Math.Sin(2 * Math.PI * hz * n / Rate))];

    /// <summary>The tone in the renderer's blocks and a short odd one at the end.</summary>
    private static float[] Decimate(float[] input)
    {
        var decimator = new HalfRateDecimator(ScoreRenderer.BlockFrames);
        var low = new float[(input.Length + 1) / 2];
        for (var start = 0; start < input.Length; start += ScoreRenderer.BlockFrames)
        {
            var count = Math.Min(ScoreRenderer.BlockFrames, input.Length - start);
            decimator.Process(input.AsSpan(start, count), low.AsSpan(start / 2, (count + 1) / 2));
        }

        return low;
    }

    private static double Rms(float[] samples) => Math.Sqrt(Spectrum.Energy(samples) / samples.Length);
}
