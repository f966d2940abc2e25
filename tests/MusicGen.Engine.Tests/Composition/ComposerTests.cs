using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Composition;

public sealed class ComposerTests
{
    public static TheoryData<Genre, double> GenreLengths()
    {
        var data = new TheoryData<Genre, double>();
        foreach (var genre in Enum.GetValues<Genre>())
        {
            foreach (var length in new[] { 3.0, 30.0, 240.0 })
            {
                data.Add(genre, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GenreLengths))]
    public void ComposeEveryGenreAndLengthProducesPlayableScore(Genre genre, double length)
    {
        var brief = BriefFor(genre, length, seed: 11);

        var score = Composer.Compose(brief);

        score.LengthSeconds.ShouldBe(length);
        score.Genre.ShouldBe(genre);
        score.Parts.ShouldNotBeEmpty();
        score.Sections.ShouldNotBeEmpty();
        score.Chords.ShouldNotBeEmpty();
        var endBeat = length / score.SecondsPerBeat;
        score.MusicEndBeat.ShouldBeLessThan(endBeat);
        score.BeatToSeconds(score.MusicEndBeat).ShouldBeLessThan(length, "a ritardando must still end before the ring-out");
        score.MusicEndBeat.ShouldBeGreaterThan(0);
        score.Sections[0].StartBeat.ShouldBe(0);
        score.Sections[^1].EndBeat.ShouldBe(score.MusicEndBeat, 1e-9);
        score.Sections.Zip(score.Sections.Skip(1)).ShouldAllBe(pair => Math.Abs(pair.First.EndBeat - pair.Second.StartBeat) < 1e-9);
        score.Sections.ShouldAllBe(s => s.LengthBeats > 0 && s.Energy > 0 && s.Energy <= 1);
        foreach (var part in score.Parts)
        {
            part.Notes.ShouldNotBeEmpty(part.Name);
            foreach (var note in part.Notes)
            {
                note.Start.ShouldBeGreaterThanOrEqualTo(0);
                note.Duration.ShouldBeGreaterThan(0);
                (note.Start + note.Duration).ShouldBeLessThanOrEqualTo(score.MusicEndBeat + 1e-6, $"{part.Name} note past the music end");
                note.Velocity.ShouldBeInRange(1, 127);
                AssertRegister(part, note);
            }
        }
    }

    [Theory]
    [InlineData(Genre.Pop)]
    [InlineData(Genre.Techno)]
    [InlineData(Genre.Jazz)]
    [InlineData(Genre.Ambient)]
    public void ComposeSameBriefAndSeedGivesIdenticalScore(Genre genre)
    {
        var first = Composer.Compose(BriefFor(genre, 45, seed: 5));
        var second = Composer.Compose(BriefFor(genre, 45, seed: 5));

        Fingerprint(first).ShouldBe(Fingerprint(second));
    }

    [Theory]
    [InlineData(Genre.Pop)]
    [InlineData(Genre.House)]
    [InlineData(Genre.LofiHipHop)]
    [InlineData(Genre.ClassicalPiano)]
    public void ComposeDifferentSeedsGivesDifferentTakes(Genre genre)
    {
        var first = Composer.Compose(BriefFor(genre, 45, seed: 1));
        var second = Composer.Compose(BriefFor(genre, 45, seed: 2));

        Fingerprint(first).ShouldNotBe(Fingerprint(second));
        var leadA = first.Parts.Single(p => p.Stem == StemGroup.Melody).Notes.Select(n => n.Pitch).ToList();
        var leadB = second.Parts.Single(p => p.Stem == StemGroup.Melody).Notes.Select(n => n.Pitch).ToList();
        leadA.ShouldNotBe(leadB);
    }

    [Theory]
    [InlineData(Genre.Pop, 60)]
    [InlineData(Genre.Trance, 200)]
    [InlineData(Genre.Jazz, 30)]
    [InlineData(Genre.ClassicalPiano, 90)]
    public void ComposeEndsOnTonicChordAndBass(Genre genre, double length)
    {
        var score = Composer.Compose(BriefFor(genre, length, seed: 3));

        // After a key change the song ends on the new key's tonic.
        var last = score.Chords[^1];
        var key = score.KeyAt(last.StartBeat);
        last.Root.ShouldBe(key.Tonic);
        (last.StartBeat + last.LengthBeats).ShouldBe(score.MusicEndBeat, 1e-6);
        var melody = score.Parts.Single(p => p.Stem == StemGroup.Melody);
        (melody.Notes[^1].Pitch % 12).ShouldBe(key.Tonic);
    }

    [Fact]
    public void ComposeLongSongHasFormWithEnergyCurveAndChangingHarmony()
    {
        var score = Composer.Compose(BriefFor(Genre.Pop, 200, seed: 9));

        score.Sections.Count.ShouldBeGreaterThanOrEqualTo(6);
        score.Sections.Select(s => s.Energy).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        score.Sections.Max(s => s.Energy).ShouldBeGreaterThan(score.Sections[0].Energy);
        score.Chords.Select(c => c.Symbol).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        for (var i = 1; i < score.Sections.Count; i++)
        {
            score.Sections[i].StartBeat.ShouldBe(score.Sections[i - 1].EndBeat, 1e-9);
        }
    }

    [Fact]
    public void ComposeEnergyJumpGetsRiserBeforeIt()
    {
        var score = Composer.Compose(BriefFor(Genre.Trance, 240, seed: 4));

        var riser = score.Parts.Single(p => p.Instrument == Instrument.NoiseRiser);
        var drop = score.Sections.First(s => s.Name == "Drop");
        riser.Notes.ShouldContain(n => Math.Abs(n.Start + n.Duration - drop.StartBeat) < 1e-6);
    }

    [Fact]
    public void ComposeWithoutDrumsLeavesDrumStemEmpty()
    {
        var brief = PromptParser.Parse("house track with no drums", 30, 1);

        var score = Composer.Compose(brief);

        score.Parts.ShouldNotContain(p => p.Stem == StemGroup.Drums);
    }

    [Fact]
    public void ComposeRequestedInstrumentGetsAPart()
    {
        var brief = PromptParser.Parse("techno with strings and a saxophone", 40, 1);

        var score = Composer.Compose(brief);

        score.Parts.ShouldContain(p => p.Instrument == Instrument.Strings);
        score.Parts.ShouldContain(p => p.Instrument == Instrument.Brass);
    }

    [Fact]
    public void ComposeTechnoStaysQuantisedAndJazzSwings()
    {
        var techno = Composer.Compose(BriefFor(Genre.Techno, 30, seed: 2));
        var jazz = Composer.Compose(BriefFor(Genre.Jazz, 30, seed: 2));

        var technoKicks = techno.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes.Where(n => n.Pitch == 36);
        technoKicks.ShouldAllBe(n => Math.Abs(n.Start - Math.Round(n.Start * 4) / 4) < 1e-9);
        var ride = jazz.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes.Where(n => n.Pitch == 51).ToList();
        ride.ShouldContain(n => Math.Abs((n.Start % 1) - 0.66) < 0.05);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(600.0)]
    public void ComposeAcceptsLengthLimits(double length)
    {
        var score = Composer.Compose(BriefFor(Genre.DrumAndBass, length, seed: 1));

        score.LengthSeconds.ShouldBe(length);
    }

    [Theory]
    [InlineData("jazz 40 bpm", 3.0)]
    [InlineData("jazz 40 bpm", 600.0)]
    [InlineData("drum and bass 240 bpm", 3.0)]
    [InlineData("drum and bass 240 bpm in 6/8", 600.0)]
    [InlineData("waltz 40 bpm", 7.0)]
    public void ComposeExtremeTempoAndLengthStillEndsOnTonicBeforeTheEnd(string prompt, double length)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, length, 1));

        score.LengthSeconds.ShouldBe(length);
        score.BeatToSeconds(score.MusicEndBeat).ShouldBeLessThan(length);
        score.Chords[^1].Root.ShouldBe(score.Key.Tonic);
        score.Parts.ShouldAllBe(p => p.Notes.All(n => n.Start >= 0 && n.Start + n.Duration <= score.MusicEndBeat + 1e-6));
    }

    [Theory]
    [InlineData(2.9)]
    [InlineData(600.5)]
    [InlineData(double.NaN)]
    public void ComposeLengthOutsideRangeThrowsWithRange(double length)
    {
        var brief = BriefFor(Genre.Pop, 30, seed: 1) with { LengthSeconds = length };

        var error = Should.Throw<ArgumentOutOfRangeException>(() => Composer.Compose(brief));

        error.Message.ShouldContain("3 s and 10 min");
    }

    [Fact]
    public void RockRhythmGuitarIsTrackedTwiceAndPannedApart()
    {
        var score = Composer.Compose(BriefFor(Genre.Rock, 60, seed: 4));

        var guitars = score.Parts.Where(p => p.Instrument == Instrument.DistortedGuitar && p.Stem == StemGroup.Harmony).ToList();
        guitars.Count.ShouldBe(2);
        (guitars[0].Pan * guitars[1].Pan).ShouldBeLessThan(-0.25, "the takes sit on opposite sides");
        guitars[1].Notes.Select(n => n.Pitch).ShouldBe(guitars[0].Notes.Select(n => n.Pitch), "both takes play the same part");
        var starts = guitars[0].Notes.Zip(guitars[1].Notes, (a, b) => Math.Abs(a.Start - b.Start)).ToList();
        starts.Max().ShouldBeGreaterThan(0.003, "each take has its own timing");
        starts.Max().ShouldBeLessThan(0.1, "and stays tight with the other");

        Composer.Compose(BriefFor(Genre.Pop, 60, seed: 4)).Parts.Count(p => p.Name.EndsWith("(double)", StringComparison.Ordinal)).ShouldBe(0);
    }

    internal static MusicBrief BriefFor(Genre genre, double length, ulong seed) =>
        PromptParser.Parse(GenreNames.Display(genre), length, seed);

    internal static string Fingerprint(Score score) =>
        string.Join(
            "|",
            score.Parts.Select(p => p.Name + ":" + string.Join(",", p.Notes.Select(n => $"{n.Start:R}/{n.Duration:R}/{n.Pitch}/{n.Velocity}"))))
        + string.Join(",", score.Chords.Select(c => c.Symbol));

    private static void AssertRegister(Part part, Note note)
    {
        switch (part.Stem)
        {
            case StemGroup.Drums when part.Instrument == Instrument.DrumKit:
                note.Pitch.ShouldBeInRange(35, 81);
                break;
            case StemGroup.Bass:
                note.Pitch.ShouldBeInRange(24, 55, part.Name);
                break;
            case StemGroup.Harmony:
                note.Pitch.ShouldBeInRange(33, 90, part.Name);
                break;
            case StemGroup.Melody:
                note.Pitch.ShouldBeInRange(45, 92, part.Name);
                break;
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(4UL)]
    public void CinematicBrassAndChoirSwellIntoTheirClimaxes(ulong seed)
    {
        // The lead's last held note and the pad's last chord in the bar before a climax swell in and are held to the
        // climax's downbeat.
        var score = Composer.Compose(PromptParser.Parse("epic cinematic orchestral", 180, seed));
        var climaxes = score.Sections.Zip(score.Sections.Skip(1)).Where(p => p.Second.Energy >= 0.85 && p.Second.Energy - p.First.Energy >= 0.2)
            .Select(p => p.Second.StartBeat).ToList();
        var swells = score.Parts.Single(p => p.Stem == StemGroup.Melody).Notes.Where(n => n.Swell).ToList();
        climaxes.ShouldNotBeEmpty();
        swells.ShouldNotBeEmpty();
        foreach (var swell in swells)
        {
            climaxes.ShouldContain(c => Math.Abs(swell.Start + swell.Duration - c) < 0.1, $"a swell ending at {swell.Start + swell.Duration}");
            swell.Duration.ShouldBeGreaterThanOrEqualTo(0.9);
        }

        var chords = score.Parts.Single(p => p.Name == "Pad").Notes.Where(n => n.Swell).GroupBy(n => n.Start).ToList();
        chords.ShouldNotBeEmpty();
        foreach (var chord in chords)
        {
            chord.Count().ShouldBeGreaterThanOrEqualTo(3, $"the pad's chord at beat {chord.Key}");
            climaxes.ShouldContain(c => Math.Abs(chord.Key + chord.First().Duration - c) < 0.1);
        }

        score.Parts.Where(p => p.Stem != StemGroup.Melody && p.Name != "Pad").SelectMany(p => p.Notes).ShouldAllBe(n => !n.Swell);
    }
}
