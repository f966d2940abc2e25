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

    [Fact]
    public void The808RisesAnOctaveUnderAClimbingHatRollAndComesBackAsItLands()
    {
        // A note held over a roll on beats 3–4, another under a roll with two hits, and a hit landing with a roll that
        // slid from the held note.
        var bass = new PartBuilder("Bass", Instrument.SubBass, StemGroup.Bass);
        bass.Add(0, 4, 36, 100);
        bass.Add(4, 1, 36, 100);
        bass.Add(5, 1, 39, 100);
        bass.Add(8, 4, 41, 100);
        bass.AddGlide(12, 2, 43, 100, 41, 0.12);
        BassWriter.AnswerRolls(bass, [(2, 3), (4.5, 5.5), (11, 12)], []);

        var notes = bass.ToPart().Notes;
        string Show() => string.Join(" ", notes.Select(n => $"{n.Start}:{n.Pitch}<{n.GlideFrom}"));
        notes.Select(n => (n.Start, n.Duration, n.Pitch, n.GlideFrom)).ShouldBe(
        [
            (0, 2.5, 36, null), (2.5, 0.5, 48, 36), (3, 1, 36, 48),
            (4, 1, 36, null), (5, 1, 39, null),
            (8, 3.5, 41, null), (11.5, 0.5, 53, 41), (12, 2, 43, 53),
        ], Show());
    }

    [Fact]
    public void The808SinksAFifthUnderAFallingHatRollAndComesBackAsItLands()
    {
        // A note held over a falling roll on beats 3–4, one too low to sink (D1), and a hit landing with a roll that
        // slid from the held note.
        var bass = new PartBuilder("Bass", Instrument.SubBass, StemGroup.Bass);
        bass.Add(0, 4, 36, 100);
        bass.Add(4, 4, 26, 100);
        bass.Add(8, 4, 41, 100);
        bass.AddGlide(12, 2, 43, 100, 41, 0.12);
        BassWriter.AnswerRolls(bass, [], [(2, 3), (6, 7), (11, 12)]);

        var notes = bass.ToPart().Notes;
        string Show() => string.Join(" ", notes.Select(n => $"{n.Start}:{n.Pitch}<{n.GlideFrom}"));
        notes.Select(n => (n.Start, n.Duration, n.Pitch, n.GlideFrom)).ShouldBe(
        [
            (0, 2, 36, null), (2, 1, 29, 36), (3, 1, 36, 29),
            (4, 4, 26, null),
            (8, 3, 41, null), (11, 1, 34, 41), (12, 2, 43, 34),
        ], Show());
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void ComposedTrap808sSinkUnderSomeOfTheirFallingRolls(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("trap 140 bpm", 180, seed));
        var bass = score.Parts.Single(p => p.Stem == StemGroup.Bass).Notes;
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;
        var starts = drums.Where(n => n.Pitch == 42 && n.HatTune == -5).Select(last => last.Start - (5 * last.Duration)).ToList();
        starts.ShouldNotBeEmpty();
        bass.Count(n => n.GlideFrom == n.Pitch + 7 && starts.Any(s => Math.Abs(n.Start - s) < 0.06)).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void ComposedTrap808sAnswerSomeOfTheirClimbingRolls(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("trap 140 bpm", 120, seed));
        var bass = score.Parts.Single(p => p.Stem == StemGroup.Bass).Notes;
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;
        var middles = drums.Where(n => n.Pitch == 42 && n.HatTune == 5).Select(top => top.Start - (2 * top.Duration)).ToList();
        bass.Count(n => n.GlideFrom == n.Pitch - 12 && middles.Any(m => Math.Abs(n.Start - m) < 0.06)).ShouldBeGreaterThan(3);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Trap808SlidesIntoEveryNewSectionsDownbeat(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("trap 140 bpm", 180, seed));
        var bass = score.Parts.Single(p => p.Stem == StemGroup.Bass).Notes.OrderBy(n => n.Start).ToList();
        var slides = 0;
        foreach (var section in score.Sections.Skip(1))
        {
            var downbeat = bass.FindIndex(n => Math.Abs(n.Start - section.StartBeat) < 0.06);
            if (downbeat <= 0 || bass[downbeat - 1].Start + bass[downbeat - 1].Duration < section.StartBeat - 0.26)
            {
                continue;
            }

            // An 808 still ringing into the downbeat slides there: from its own pitch, or from an octave up onto the same one.
            var (before, note) = (bass[downbeat - 1], bass[downbeat]);
            note.GlideFrom.ShouldBe(before.Pitch != note.Pitch ? before.Pitch : note.Pitch + 12, $"the downbeat of {section.Name} at beat {section.StartBeat}");
            note.GlideSeconds.ShouldBe(BassWriter.SectionSlideSeconds);
            slides++;
        }

        slides.ShouldBeGreaterThanOrEqualTo(3, "most sections follow one with an 808");
    }

    [Theory]
    [InlineData("trap 140 bpm", 1UL)]
    [InlineData("trap 140 bpm", 2UL)]
    [InlineData("boom bap hip hop", 1UL)]
    public void HipHops808TurnsEachPhrasesLastBarAround(string prompt, ulong seed)
    {
        // The last bar of each four-bar phrase ends on a bounce, root on beat 4, octave and root on its last two
        // sixteenths (sliding, in trap); the phrase's other bars loop the section's pattern, which has no such ending.
        var score = Composer.Compose(PromptParser.Parse(prompt, 150, seed));
        score.Genre.ShouldBe(Genre.HipHop);
        var bass = score.Parts.Single(p => p.Stem == StemGroup.Bass).Notes;
        var turned = 0;
        var end = score.Sections[^1].StartBeat + score.Sections[^1].LengthBeats;
        foreach (var section in score.Sections.Where(s => s.LengthBeats >= 16))
        {
            for (var phrase = section.StartBeat; phrase + 16 <= section.StartBeat + section.LengthBeats; phrase += 16)
            {
                // Swing and drift move a sixteenth by up to a tenth of a beat.
                Note? At(double beat) => bass.Where(n => Math.Abs(n.Start - beat) < 0.1).OrderBy(n => Math.Abs(n.Start - beat)).Select(n => (Note?)n).FirstOrDefault();
                bool Bounces(double bar) => At(bar + 3) is { } root && At(bar + 3.5) is { } up && At(bar + 3.75) is { } down
                    && up.Pitch == root.Pitch + 12 && down.Pitch == root.Pitch;
                // A bar without a bass note on its first beats is one the bass sits out; the song's last bar holds the tonic.
                if ((At(phrase + 12) is null && At(phrase + 12.5) is null) || phrase + 16 > end - 4)
                {
                    continue;
                }

                Bounces(phrase + 12).ShouldBeTrue($"the phrase at beat {phrase} in {section.Name}");
                foreach (var bar in new[] { 0, 4, 8 })
                {
                    Bounces(phrase + bar).ShouldBeFalse($"bar {bar / 4} of the phrase at beat {phrase} in {section.Name}");
                }

                if (prompt.StartsWith("trap", StringComparison.Ordinal))
                {
                    At(phrase + 15.5)!.Value.GlideFrom.ShouldBe(At(phrase + 15)!.Value.Pitch);
                    At(phrase + 15.75)!.Value.GlideFrom.ShouldBe(At(phrase + 15.5)!.Value.Pitch);
                }

                turned++;
            }
        }

        turned.ShouldBeGreaterThanOrEqualTo(4);
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
