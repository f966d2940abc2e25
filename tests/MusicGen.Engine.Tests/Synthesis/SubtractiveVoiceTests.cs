using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class SubtractiveVoiceTests
{
    private const float SampleRate = 44100f;

    [Fact]
    public void FourPolesFallTwiceAsSteeplyAboveTheCutoff()
    {
        // A 440 Hz sine an octave above the cutoff, against the same sine far below it (the pass band).
        var twoPole = Gain(poles: 2, cutoff: 220f) / Gain(poles: 2, cutoff: 3520f);
        var fourPole = Gain(poles: 4, cutoff: 220f) / Gain(poles: 4, cutoff: 3520f);

        var twoDb = 20f * MathF.Log10(twoPole);
        var fourDb = 20f * MathF.Log10(fourPole);

        // The resonant SVF alone: 12 dB/octave from a peak of Q at the cutoff, so about −10 dB an octave up at Q 4.5.
        twoDb.ShouldBeInRange(-13f, -7f);
        fourDb.ShouldBeLessThan(-20f);
    }

    [Fact]
    public void FourPolesKeepThePassBand()
    {
        // Far below the cutoff both filters pass the sine whole.
        Gain(poles: 4, cutoff: 3520f).ShouldBe(Gain(poles: 2, cutoff: 3520f), 0.02f);
    }

    [Fact]
    public void FourPolesStillRingAtTheCutoff()
    {
        // The resonance stays: at the cutoff the level is well above the pass band's, if less than the 2-pole's peak of Q.
        var peak = Gain(poles: 4, cutoff: 440f) / Gain(poles: 4, cutoff: 3520f);
        peak.ShouldBeGreaterThan(2f);
    }

    [Fact]
    public void ASwellGrowsFromNothingAndBrightensOverTheHeldNote()
    {
        // Cinematic brass held 2 s: swelled, its last 0.3 s stand more than 20 dB over its first 0.3 s and are brighter
        // (more of the level in the partials above 1.5 kHz); played plain, it is as loud at the end as near the start.
        var factory = new VoiceFactory(Scores.Genre.Cinematic, new Scores.Key(2, Scores.Mode.Minor));
        (double Rise, double Brightening) Play(bool swell)
        {
            var voice = factory.Create(Scores.Instrument.Brass, new NoteContext(62, 0.8f, 0.9f, SampleRate, 7, 2f) { Swell = swell })!;
            var samples = new float[(int)(2 * SampleRate)];
            voice.Render(samples);
            double Rms(int from, int count) => Math.Sqrt(samples.Skip(from).Take(count).Sum(x => (double)x * x) / count);
            double HighShare(int from, int count)
            {
                // A first difference boosts by frequency: its RMS over the signal's is a crude brightness.
                var span = samples.AsSpan(from, count);
                var diff = 0.0;
                for (var i = 1; i < span.Length; i++)
                {
                    diff += (double)(span[i] - span[i - 1]) * (span[i] - span[i - 1]);
                }

                return Math.Sqrt(diff / count) / Rms(from, count);
            }

            var (early, late) = ((int)(0.1 * SampleRate), (int)(1.65 * SampleRate));
            var length = (int)(0.3 * SampleRate);
            return (20 * Math.Log10(Rms(late, length) / Rms(early, length)), HighShare(late, length) / HighShare(early, length));
        }

        var swelled = Play(swell: true);
        var plain = Play(swell: false);
        swelled.Rise.ShouldBeGreaterThan(20, $"swelled {swelled}, plain {plain}");
        swelled.Brightening.ShouldBeGreaterThan(1.3, $"swelled {swelled}, plain {plain}");
        Math.Abs(plain.Rise).ShouldBeLessThan(4, $"plain {plain}");
    }

    /// <summary>The RMS of a held 440 Hz sine voice through the filter, after its attack.</summary>
    private static float Gain(int poles, float cutoff)
    {
        var patch = new SubtractivePatch(Waveform.Sine, 1, 0f, cutoff, 4.5f, 0f, 0.2f, 0.002f, 0.1f, 1f, 0.05f)
        {
            KeyTrack = 0f,
            Poles = poles,
        };
        var voice = new SubtractiveVoice(patch, new NoteContext(69, 1f, 0.5f, SampleRate, 3, 1f));
        var samples = new float[(int)SampleRate];

        // Blocks of 253 samples make the voice take partial steps too.
        for (var start = 0; start < samples.Length; start += 253)
        {
            voice.Render(samples.AsSpan(start, Math.Min(253, samples.Length - start)));
        }

        var held = samples.AsSpan((int)(0.3f * SampleRate));
        var sum = 0.0;
        foreach (var x in held)
        {
            sum += x * x;
        }

        return (float)Math.Sqrt(sum / held.Length) * MathF.Sqrt(2f);
    }
}
