using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Prompting;

public sealed class PromptParserTests
{
    /// <summary>Prompt, expected genre, expected BPM (0 = anywhere in the genre's range), expected key ("" = not stated in the prompt).</summary>
    public static TheoryData<string, Genre, double, string> RealWorldPrompts() => new()
    {
        { "lofi hip hop beats to study to", Genre.LofiHipHop, 0, "" },
        { "chill lo-fi beat with vinyl crackle, 80 bpm", Genre.LofiHipHop, 80, "" },
        { "sad lofi hip hop with piano, 85 bpm in D minor", Genre.LofiHipHop, 85, "D minor" },
        { "Chillhop for a rainy afternoon in Eb major", Genre.LofiHipHop, 0, "Eb major" },
        { "jazzy lo-fi study beats, 72 BPM, key of F", Genre.LofiHipHop, 72, "F major" },
        { "hard trap beat 140 bpm", Genre.HipHop, 140, "" },
        { "dark trap instrumental with 808s in C# minor", Genre.HipHop, 0, "C# minor" },
        { "old school boom bap hip-hop beat, 90 bpm", Genre.HipHop, 90, "" },
        { "UK drill beat, sinister, 142 BPM, F#m", Genre.HipHop, 142, "F# minor" },
        { "rap instrumental in G minor at 95 bpm", Genre.HipHop, 95, "G minor" },
        { "upbeat pop song about summer, 120 bpm", Genre.Pop, 120, "" },
        { "catchy radio pop in C major", Genre.Pop, 0, "C major" },
        { "emotional pop ballad in A minor, 76 bpm, with vocals", Genre.Pop, 76, "A minor" },
        { "K-pop dance track 128 BPM in B minor", Genre.Pop, 128, "B minor" },
        { "synth-pop anthem in the key of D major", Genre.Pop, 0, "D major" },
        { "energetic rock song with distorted guitars, 140 bpm", Genre.Rock, 140, "" },
        { "indie rock in E major, 128 BPM", Genre.Rock, 128, "E major" },
        { "grunge riff in drop D, D minor, 100 bpm", Genre.Rock, 100, "D minor" },
        { "punk rock, fast and loud", Genre.Rock, 0, "" },
        { "heavy metal in E minor 160 bpm", Genre.Rock, 160, "E minor" },
        { "deep house groove 122 bpm in A minor", Genre.House, 122, "A minor" },
        { "classic house music with piano stabs", Genre.House, 0, "" },
        { "disco house, 124 BPM, F major", Genre.House, 124, "F major" },
        { "tech house banger for the club", Genre.House, 0, "" },
        { "progressive house 126bpm Gm", Genre.House, 126, "G minor" },
        { "dark techno 128 bpm in F minor", Genre.Techno, 128, "F minor" },
        { "berlin warehouse techno, hypnotic, 134 bpm", Genre.Techno, 134, "" },
        { "acid techno with a squelchy 303 line in A minor", Genre.Techno, 0, "A minor" },
        { "minimal techno, 130 BPM, no vocals", Genre.Techno, 130, "" },
        { "industrial techno in E phrygian", Genre.Techno, 0, "E phrygian" },
        { "uplifting trance 138 bpm", Genre.Trance, 138, "" },
        { "euphoric trance anthem in C# minor with big supersaw leads", Genre.Trance, 0, "C# minor" },
        { "psytrance 145 bpm", Genre.Trance, 145, "" },
        { "trance with arpeggios, 136 bpm, key: Bb minor", Genre.Trance, 136, "Bb minor" },
        { "liquid drum and bass, 174 bpm, in F major", Genre.DrumAndBass, 174, "F major" },
        { "dnb with a heavy reese bass", Genre.DrumAndBass, 0, "" },
        { "jungle breakbeat 170 bpm", Genre.DrumAndBass, 170, "" },
        { "drum & bass roller in G minor", Genre.DrumAndBass, 0, "G minor" },
        { "neurofunk 176 BPM E minor", Genre.DrumAndBass, 176, "E minor" },
        { "80s synthwave driving at night, 100 bpm", Genre.Synthwave, 100, "" },
        { "retrowave outrun in A minor", Genre.Synthwave, 0, "A minor" },
        { "darksynth 110 bpm in D minor", Genre.Synthwave, 110, "D minor" },
        { "neon-soaked retro synthwave with gated snare", Genre.Synthwave, 0, "" },
        { "ambient soundscape for meditation", Genre.Ambient, 0, "" },
        { "dreamy ambient drone in C lydian", Genre.Ambient, 0, "C lydian" },
        { "calm ambient pads, 60 bpm, in E major", Genre.Ambient, 60, "E major" },
        { "relaxing spa music, soft pads and bells", Genre.Ambient, 0, "" },
        { "epic orchestral trailer music", Genre.Cinematic, 0, "" },
        { "cinematic film score in D minor, 90 bpm", Genre.Cinematic, 90, "D minor" },
        { "heroic battle soundtrack with choir and brass", Genre.Cinematic, 0, "" },
        { "mysterious orchestral score, 80 bpm", Genre.Cinematic, 80, "" },
        { "smooth jazz with saxophone in Bb major", Genre.Jazz, 0, "Bb major" },
        { "bebop jazz trio 180 bpm", Genre.Jazz, 180, "" },
        { "bossa nova in A minor, 120 bpm", Genre.Jazz, 120, "A minor" },
        { "late night jazz ballad, 66 bpm, in Db major", Genre.Jazz, 66, "C# major" },
        { "classical piano sonata in C major", Genre.ClassicalPiano, 0, "C major" },
        { "romantic nocturne for solo piano in E flat major", Genre.ClassicalPiano, 0, "Eb major" },
        { "a sad piano etude in c minor, 72 bpm", Genre.ClassicalPiano, 72, "C minor" },
        { "gentle waltz for solo piano in G major", Genre.ClassicalPiano, 0, "G major" },
        { "baroque prelude in D minor", Genre.ClassicalPiano, 0, "D minor" },
        { "funky groove with slap bass, 105 bpm", Genre.Funk, 105, "" },
        { "70s funk in E minor with horns", Genre.Funk, 0, "E minor" },
        { "groovy soul funk, 100 BPM, key of A", Genre.Funk, 100, "A major" },
        { "disco funk with wah guitar at 112 bpm", Genre.Funk, 112, "" },
        { "happy song", Genre.Pop, 0, "" },
        { "something epic", Genre.Cinematic, 0, "" },
        { "a quiet piano piece", Genre.ClassicalPiano, 0, "" },
    };

    [Theory]
    [MemberData(nameof(RealWorldPrompts))]
    public void ParseRealWorldPromptMapsGenreTempoAndKey(string prompt, Genre genre, double bpm, string key)
    {
        var brief = PromptParser.Parse(prompt);

        brief.Genre.ShouldBe(genre);
        var template = GenreTemplates.For(genre);
        if (bpm > 0)
        {
            brief.Bpm.ShouldBe(bpm);
        }
        else
        {
            brief.Bpm.ShouldBeInRange(template.MinBpm, template.MaxBpm);
        }

        if (key.Length > 0)
        {
            brief.Key.ToString().ShouldBe(key, StringCompareShould.IgnoreCase);
        }
    }

    [Fact]
    public void ParseRealWorldPromptTableHasAtLeastSixtyRows()
    {
        RealWorldPrompts().Count.ShouldBeGreaterThanOrEqualTo(60);
    }

    [Fact]
    public void ParseSamePromptTwiceGivesSameBrief()
    {
        var first = PromptParser.Parse("moody synthwave for a night drive");
        var second = PromptParser.Parse("moody synthwave for a night drive");

        second.ShouldBeEquivalentTo(first);
    }

    [Theory]
    [InlineData("sad piano ballad", Mood.Sad)]
    [InlineData("happy upbeat pop", Mood.Happy)]
    [InlineData("calm ambient", Mood.Calm)]
    [InlineData("aggressive techno", Mood.Energetic)]
    [InlineData("dark trap", Mood.Dark)]
    [InlineData("epic trailer", Mood.Epic)]
    [InlineData("romantic jazz", Mood.Romantic)]
    [InlineData("mysterious cinematic", Mood.Mysterious)]
    public void ParseMoodWordsSetMood(string prompt, Mood mood)
    {
        PromptParser.Parse(prompt).Mood.ShouldBe(mood);
    }

    [Theory]
    [InlineData("sad pop", true)]
    [InlineData("happy pop", false)]
    [InlineData("dark house", true)]
    public void ParseMoodWithoutKeyPicksModeFamily(string prompt, bool minor)
    {
        PromptParser.Parse(prompt).Key.IsMinor.ShouldBe(minor);
    }

    [Theory]
    [InlineData("slow pop", 100, 108)]
    [InlineData("fast pop", 122, 130)]
    [InlineData("slow house", 120, 121)]
    public void ParseTempoWordsMoveWithinGenreRange(string prompt, double min, double max)
    {
        PromptParser.Parse(prompt).Bpm.ShouldBeInRange(min, max);
    }

    [Theory]
    [InlineData("waltz in 3/4", 3, 4)]
    [InlineData("folk ballad in 6/8", 6, 8)]
    [InlineData("rock in 4/4", 4, 4)]
    [InlineData("a gentle waltz", 3, 4)]
    public void ParseMeterIsRead(string prompt, int numerator, int denominator)
    {
        PromptParser.Parse(prompt).Meter.ShouldBe(new Meter(numerator, denominator));
    }

    [Theory]
    [InlineData("45 second techno loop", 45)]
    [InlineData("a 3 minute pop song", 180)]
    [InlineData("2:30 of ambient", 150)]
    [InlineData("jazz, 90 seconds long", 90)]
    [InlineData("one minute of house", 60)]
    [InlineData("1.5 minutes of trance", 90)]
    [InlineData("2 min 30 s of rock", 150)]
    [InlineData("80s synthwave", BriefLimits.DefaultLengthSeconds)]
    public void ParseLengthIsRead(string prompt, double seconds)
    {
        PromptParser.Parse(prompt).LengthSeconds.ShouldBe(seconds);
    }

    [Fact]
    public void ParseExplicitLengthAndSeedWinOverPrompt()
    {
        var brief = PromptParser.Parse("techno, 45 seconds, seed 9", lengthSeconds: 20, seed: 3);

        brief.LengthSeconds.ShouldBe(20);
        brief.Seed.ShouldBe(3UL);
    }

    [Fact]
    public void ParseSeedInPromptIsRead()
    {
        PromptParser.Parse("house track seed 1234").Seed.ShouldBe(1234UL);
    }

    [Fact]
    public void ParseInstrumentsIncludedAndExcluded()
    {
        var brief = PromptParser.Parse("lofi with rhodes and a saxophone, no drums or bass");

        brief.Instruments.ShouldBe([Instrument.ElectricPiano, Instrument.Brass], ignoreOrder: true);
        brief.ExcludedInstruments.ShouldBe([Instrument.DrumKit, Instrument.SynthBass], ignoreOrder: true);
        brief.HasDrums.ShouldBeFalse();
    }

    [Theory]
    [InlineData("drum and bass")]
    [InlineData("liquid drum & bass roller")]
    public void ParseGenreNameIsNotReadAsInstruments(string prompt)
    {
        var brief = PromptParser.Parse(prompt);

        brief.Instruments.ShouldBeEmpty();
        brief.HasDrums.ShouldBeTrue();
    }

    [Theory]
    [InlineData("drumless ambient")]
    [InlineData("ambient without any drums")]
    [InlineData("house, no percussion")]
    public void ParseDrumExclusionVariants(string prompt)
    {
        PromptParser.Parse(prompt).HasDrums.ShouldBeFalse();
    }

    [Fact]
    public void ParseLyricsAreSplitIntoLines()
    {
        var brief = PromptParser.Parse("pop song in G major. Lyrics: city lights are calling / I keep on falling\nall night long");

        brief.Instrumental.ShouldBeFalse();
        brief.Lyrics.ShouldBe(["city lights are calling", "I keep on falling", "all night long"]);
        brief.Key.ShouldBe(new Key(7, Mode.Major));
    }

    [Theory]
    [InlineData("instrumental pop", true)]
    [InlineData("pop with no vocals", true)]
    [InlineData("pop with female vocals", false)]
    [InlineData("pop", true)]
    public void ParseInstrumentalOrVocals(string prompt, bool instrumental)
    {
        PromptParser.Parse(prompt).Instrumental.ShouldBe(instrumental);
    }

    [Fact]
    public void ParseUnknownWordsAreIgnoredAndUnderstoodListsWhatWasRead()
    {
        var brief = PromptParser.Parse("zorblax flumph techno quux 132 bpm in A minor");

        brief.Genre.ShouldBe(Genre.Techno);
        brief.Understood.ShouldContain(u => u.StartsWith("genre: techno", StringComparison.Ordinal));
        brief.Understood.ShouldContain("tempo: 132 BPM");
        brief.Understood.ShouldContain("key: A minor");
        brief.Understood.ShouldNotContain(u => u.Contains("zorblax", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseEmptyPromptThrowsWithRange()
    {
        var error = Should.Throw<ArgumentException>(() => PromptParser.Parse("   "));

        error.Message.ShouldContain("1–2,000 characters");
    }

    [Fact]
    public void ParsePromptOverLimitThrowsWithRange()
    {
        var error = Should.Throw<ArgumentException>(() => PromptParser.Parse(new string('a', 2001)));

        error.Message.ShouldContain("1–2,000 characters");
    }

    [Fact]
    public void ParsePromptAtLimitIsAccepted()
    {
        PromptParser.Parse("techno " + new string('x', 1993)).Genre.ShouldBe(Genre.Techno);
    }

    [Theory]
    [InlineData("a 20 minute techno set")]
    [InlineData("a 1 second jingle")]
    public void ParseLengthOutsideRangeInPromptThrowsWithRange(string prompt)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => PromptParser.Parse(prompt));

        error.Message.ShouldContain("3 s and 10 min");
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(601)]
    public void ParseExplicitLengthOutsideRangeThrowsWithRange(double seconds)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => PromptParser.Parse("pop", seconds));

        error.Message.ShouldContain("3–600 seconds");
    }

    [Fact]
    public void ParseTempoOutsideRangeThrowsWithRange()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => PromptParser.Parse("techno at 900 bpm"));

        error.Message.ShouldContain("between 40 and 240 BPM");
    }
}
