using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class AdditiveVoiceTests
{
    private static readonly AdditivePatch Drawbars = new(
        [0.5f, 1f, 2f, 3f, 8f],
        [0.7f, 1f, 0.7f, 0.4f, 0.1f],
        [0f, 0f, 0f, 0f, 0f],
        0.001f,
        0.08f) { VibratoHz = 6.5f, VibratoDepth = 0.004f, VelocityBrightness = 0f, DecayKeyScaling = 0f, Level = 0.6f };

    [Theory]
    [InlineData(48)]
    [InlineData(69)]
    [InlineData(96)]
    public void AVibratoVoiceIsItsPartialsSummedAtTheStretchedPhase(int pitch)
    {
        const float sampleRate = 44100f;
        const float velocity = 0.8f;
        var voice = new AdditiveVoice(Drawbars, new NoteContext(pitch, velocity, 0.5f, sampleRate, 7, 2f));
        var output = new float[(int)sampleRate];
        for (var start = 0; start < output.Length; start += 256)
        {
            voice.Render(output.AsSpan(start, Math.Min(256, output.Length - start)));
        }

        // The definition: each partial below 0.45 × the rate is a sine of ratio × the fundamental's phase (plus its
        // own offset), and the vibrato stretches that phase; levels sum to velocity × patch level.
        // The voice's fundamental is a float: over a second, a 1e-7 difference in it shows at the 8th partial.
        var fundamental = (double)(440f * MathF.Pow(2f, (pitch - 69f) / 12f));
        var partials = Drawbars.Ratios.TakeWhile(r => fundamental * r < sampleRate * 0.45).Count();
        var total = Drawbars.Levels.Take(partials).Sum();
        var (phase, vibrato, error, energy) = (0.0, 0.0, 0.0, 0.0);
        for (var n = 0; n < output.Length; n++)
        {
            var expected = 0.0;
            for (var i = 0; i < partials; i++)
            {
                expected += Drawbars.Levels[i] * Math.Sin(2 * Math.PI * ((Drawbars.Ratios[i] * phase) + (i * 0.13f)));
            }

            expected *= velocity * Drawbars.Level / total;
            vibrato += Drawbars.VibratoHz / sampleRate;
            phase += fundamental / sampleRate * (1 + (Drawbars.VibratoDepth * Math.Sin(2 * Math.PI * vibrato)));
            if (n >= 100)
            {
                // Past the 1 ms attack.
                error += Math.Pow(output[n] - expected, 2);
                energy += expected * expected;
            }
        }

        // Within −85 dB of the signal over a second: the table's interpolation, nothing audible.
        (10 * Math.Log10(error / energy)).ShouldBeLessThan(-85);
    }

    [Fact]
    public void AVibratoPatchWithDecayingPartialsIsRefused()
    {
        var decaying = Drawbars with { Decays = [0f, 1f, 0f, 0f, 0f] };

        Should.Throw<ArgumentException>(() => new AdditiveVoice(decaying, new NoteContext(60, 0.8f, 0.5f, 44100f, 1, 1f)));
    }
}
