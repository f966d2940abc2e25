using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class DrumSamplesTests
{
    private const float SampleRate = 44100f;

    [Fact]
    public void TwoSongsOnTheSameKitPlayTheSameOneShots()
    {
        var first = new VoiceFactory(Genre.House, new Key(0, Mode.Minor));
        var second = new VoiceFactory(Genre.House, new Key(0, Mode.Minor));
        // Seeds 4 and 7 pick the same take (of three); the songs differ in everything else.
        var hit = new NoteContext(38, 0.7f, 0.5f, SampleRate, 4, 0.1f);

        var a = Render(first.Create(Instrument.DrumKit, hit)!);
        var b = Render(second.Create(Instrument.DrumKit, hit with { Velocity = 0.35f, Seed = 7 })!);

        b.Max(MathF.Abs).ShouldBeGreaterThan(0.01f);
        for (var n = 0; n < a.Length; n++)
        {
            b[n].ShouldBe(a[n] * 0.5f, 1e-6f);
        }
    }

    [Fact]
    public void TakesOfOneSoundDifferAndKitsTunedApartDiffer()
    {
        var kit = DrumKitStyle.For(Genre.Rock);
        var take0 = DrumSamples.Get(kit, DrumSound.Snare, 0, 0, SampleRate);
        var take1 = DrumSamples.Get(kit, DrumSound.Snare, 0, 1, SampleRate);
        var lifted = DrumSamples.Get(kit.TunedTo(2), DrumSound.Snare, 0, 0, SampleRate);

        DrumSamples.Get(kit, DrumSound.Snare, 0, 0, SampleRate).ShouldBeSameAs(take0);
        take1.ShouldNotBe(take0);
        lifted.ShouldNotBe(take0);
        take0.Max(MathF.Abs).ShouldBeGreaterThan(0.1f);
    }

    private static float[] Render(Voice voice)
    {
        var samples = new float[(int)SampleRate];
        voice.Render(samples);
        return samples;
    }
}
