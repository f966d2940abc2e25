using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Sound;

public sealed class GatedSnareMixTests
{
    private const int Rate = 44100;

    [Fact]
    public void SynthwaveSnareStopsAtItsGateInTheMixToo()
    {
        // One snare hit of the composed synthwave drum part, through the whole mix (bus reverb and delay included).
        var score = Composer.Compose(PromptParser.Parse("synthwave", 60, 3));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);
        var hitBeat = 4.0;
        var hit = hitBeat * score.SecondsPerBeat;
        double TailDb(Part part)
        {
            var single = score with { Parts = [part with { Notes = [new Note(hitBeat, 0.25, 38, 110)] }], LengthSeconds = hit + 2 };
            var mix = ScoreRenderer.Render(single, Rate, keepStems: false, cancellationToken: TestContext.Current.CancellationToken).Mix;
            var gate = DrumKitStyle.For(Genre.Synthwave).AtTempo(score.Bpm).GateSeconds;
            return 20 * Math.Log10(Rms(mix, hit + gate + 0.1, hit + gate + 0.6) / Rms(mix, hit, hit + gate));
        }

        // The gate leaves nothing behind; with the bus reverb the other genres use, a tail would ring on.
        TailDb(drums).ShouldBeLessThan(-60);
        TailDb(drums with { ReverbSend = 0.08 }).ShouldBeGreaterThan(-50);
    }

    private static double Rms(float[] interleaved, double from, double to)
    {
        var (start, end) = ((int)(from * Rate), (int)(to * Rate));
        var sum = 0.0;
        for (var n = start; n < end; n++)
        {
            sum += interleaved[2 * n] * (double)interleaved[2 * n] + interleaved[2 * n + 1] * (double)interleaved[2 * n + 1];
        }

        return Math.Sqrt(sum / Math.Max(1, 2 * (end - start))) + 1e-12;
    }
}
