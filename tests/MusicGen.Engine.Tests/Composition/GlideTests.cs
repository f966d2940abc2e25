using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Composition;

public sealed class GlideTests
{
    [Theory]
    [InlineData("trap 140 bpm", 1UL)]
    [InlineData("trap 140 bpm", 2UL)]
    [InlineData("acid techno 130 bpm", 1UL)]
    [InlineData("acid techno 130 bpm", 2UL)]
    public void ComposeBassGlidesFromTheNoteStillSoundingBeforeIt(string prompt, ulong seed)
    {
        var bass = Composer.Compose(PromptParser.Parse(prompt, 150, seed)).Parts.Single(p => p.Stem == StemGroup.Bass).Notes;

        var glides = bass.Select((n, i) => (Note: n, Index: i)).Where(x => x.Note.GlideFrom is not null).ToList();
        glides.ShouldNotBeEmpty();
        foreach (var (note, index) in glides)
        {
            index.ShouldBeGreaterThan(0);
            var previous = bass[index - 1];
            note.GlideFrom.ShouldBe(previous.Pitch);
            note.GlideFrom.ShouldNotBe(note.Pitch);
            (previous.Start + previous.Duration).ShouldBeGreaterThanOrEqualTo(note.Start - 0.26, "a slide is legato");
            note.GlideSeconds.ShouldBeInRange(0.04, 0.2);
        }
    }

    [Theory]
    [InlineData("pop")]
    [InlineData("jazz")]
    [InlineData("deep house")]
    public void ComposeGenresWithoutSlidesHaveNoGlides(string prompt) =>
        Composer.Compose(PromptParser.Parse(prompt, 150, 3)).Parts.SelectMany(p => p.Notes).ShouldAllBe(n => n.GlideFrom == null);

    [Fact]
    public void SubtractiveVoiceSlidesFromThePreviousPitchToItsOwn()
    {
        const int rate = 44100;
        var factory = new VoiceFactory(Genre.Techno, new Key(0, Mode.Minor));
        var voice = factory.Create(Instrument.SubBass, new NoteContext(36, 1f, 0.5f, rate, 1, 1f) { GlideFrom = 48, GlideSeconds = 0.1f })!;
        var samples = new float[rate / 2];
        voice.Render(samples);

        // C2 is 65.4 Hz, C3 130.8 Hz: the first 30 ms sound near C3, after the slide C2.
        Hz(samples, rate, 0.005, 0.035).ShouldBeGreaterThan(100);
        Hz(samples, rate, 0.2, 0.45).ShouldBe(65.4, 3);
    }

    private static double Hz(float[] samples, int rate, double from, double to)
    {
        var crossings = new List<double>();
        for (var i = (int)(from * rate) + 1; i < (int)(to * rate); i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                crossings.Add(i - (samples[i] / (samples[i] - samples[i - 1])));
            }
        }

        return (crossings.Count - 1) * rate / (crossings[^1] - crossings[0]);
    }
}
