using MusicGen.Engine.Composition;
using MusicGen.Engine.Plans;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Prompting;

public sealed class CompositionPlanTests
{
    private static CompositionPlan ValidPlan() => new()
    {
        PositiveGlobalStyles = ["synthwave", "nostalgic", "104 bpm", "A minor"],
        NegativeGlobalStyles = ["drums"],
        Sections =
        [
            new PlanSection { SectionName = "Intro", PositiveLocalStyles = ["sparse"], DurationMs = 8000 },
            new PlanSection { SectionName = "Verse 1", PositiveLocalStyles = ["steady"], DurationMs = 20000, Lines = ["neon on the water", "we drive until the dawn"] },
            new PlanSection { SectionName = "Chorus", PositiveLocalStyles = ["big", "energetic"], DurationMs = 20000, Lines = ["run away tonight"] },
            new PlanSection { SectionName = "Outro", DurationMs = 7000 },
        ],
    };

    [Fact]
    public void ToJsonUsesElevenLabsFieldNames()
    {
        var json = ValidPlan().ToJson();

        json.ShouldContain("\"positive_global_styles\"");
        json.ShouldContain("\"negative_global_styles\"");
        json.ShouldContain("\"sections\"");
        json.ShouldContain("\"section_name\"");
        json.ShouldContain("\"positive_local_styles\"");
        json.ShouldContain("\"negative_local_styles\"");
        json.ShouldContain("\"duration_ms\"");
        json.ShouldContain("\"lines\"");
    }

    [Fact]
    public void FromJsonRoundTripKeepsEveryField()
    {
        var plan = ValidPlan();

        var back = CompositionPlan.FromJson(plan.ToJson());

        back.ToJson().ShouldBe(plan.ToJson());
        back.Sections.Count.ShouldBe(4);
        back.Sections[1].Lines.ShouldBe(["neon on the water", "we drive until the dawn"]);
        back.TotalDurationMs.ShouldBe(55000);
    }

    [Fact]
    public void FromJsonReadsElevenLabsDocument()
    {
        const string json = """
            {"positive_global_styles":["lo-fi","calm"],"negative_global_styles":[],
             "sections":[{"section_name":"Verse 1","positive_local_styles":["mellow"],"negative_local_styles":[],
               "duration_ms":20000,"lines":["lyric line"], "source_from": null}]}
            """;

        var plan = CompositionPlan.FromJson(json);

        plan.Sections.Single().SectionName.ShouldBe("Verse 1");
        plan.Sections.Single().DurationMs.ShouldBe(20000);
        plan.FindProblems().ShouldBeEmpty();
    }

    [Fact]
    public void FromJsonInvalidTextThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => CompositionPlan.FromJson("{ not json"));
    }

    public static TheoryData<string, string> BrokenPlans() => new()
    {
        { "no-sections", "1–30 sections" },
        { "too-many-sections", "1–30 sections" },
        { "empty-name", "1–100 characters" },
        { "long-name", "1–100 characters" },
        { "short-section", "3000–120000 ms" },
        { "long-section", "3000–120000 ms" },
        { "too-many-lines", "0–30 lines" },
        { "long-line", "0–200 characters" },
        { "too-long-total", "3000–600000 ms" },
    };

    [Theory]
    [MemberData(nameof(BrokenPlans))]
    public void ValidateBrokenPlanThrowsNamingTheRange(string breakage, string range)
    {
        var plan = Break(ValidPlan(), breakage);

        var error = Should.Throw<ArgumentException>(plan.Validate);

        error.Message.ShouldContain(range);
        Should.Throw<ArgumentException>(() => PromptParser.FromPlan(plan)).Message.ShouldContain(range);
    }

    [Fact]
    public void ValidateAcceptsPlanAtLimits()
    {
        var plan = new CompositionPlan
        {
            Sections = Enumerable.Range(0, 5).Select(i => new PlanSection
            {
                SectionName = new string('n', 100),
                DurationMs = 120000,
                Lines = Enumerable.Repeat(new string('l', 200), 30).ToList(),
            }).ToList(),
        };

        plan.FindProblems().ShouldBeEmpty();
    }

    [Fact]
    public void FromPlanMakesBriefFromStylesSectionsAndLines()
    {
        var brief = PromptParser.FromPlan(ValidPlan(), seed: 4);

        brief.Genre.ShouldBe(Genre.Synthwave);
        brief.Bpm.ShouldBe(104);
        brief.Key.ShouldBe(new Key(9, Mode.Minor));
        brief.LengthSeconds.ShouldBe(55);
        brief.HasDrums.ShouldBeFalse();
        brief.Instrumental.ShouldBeFalse();
        brief.Lyrics.ShouldBe(["neon on the water", "we drive until the dawn", "run away tonight"]);
        brief.Seed.ShouldBe(4UL);
    }

    [Fact]
    public void ComposeFromPlanFollowsSectionsDurationsAndLines()
    {
        var brief = PromptParser.FromPlan(ValidPlan(), seed: 4);

        var score = Composer.Compose(brief);

        score.LengthSeconds.ShouldBe(55);
        score.Sections.Select(s => s.Name).ShouldBe(["Intro", "Verse 1", "Chorus", "Outro"]);
        var chorus = score.Sections[2];
        chorus.Energy.ShouldBeGreaterThan(score.Sections[1].Energy);
        score.BeatToSeconds(chorus.StartBeat).ShouldBe(28, 2.5);
        score.Parts.ShouldNotContain(p => p.Instrument == Instrument.DrumKit);
        score.Lyrics.Select(l => l.Text).ShouldBe(["neon on the water", "we drive until the dawn", "run away tonight"]);
        score.Lyrics[2].Beat.ShouldBe(chorus.StartBeat, 1e-9);
    }

    [Theory]
    [InlineData("dark techno 128 bpm in F minor", 45)]
    [InlineData("pop song with lyrics: hello / goodbye / hello again", 200)]
    [InlineData("ambient", 3)]
    [InlineData("epic orchestral trailer", 600)]
    [InlineData("jazz ballad", 90)]
    public void PlanFactoryProducesValidPlanOfExactLength(string prompt, double seconds)
    {
        var plan = PlanFactory.FromPrompt(prompt, seconds);

        plan.FindProblems().ShouldBeEmpty();
        plan.TotalDurationMs.ShouldBe((long)Math.Round(seconds * 1000));
        plan.PositiveGlobalStyles.ShouldNotBeEmpty();
    }

    [Fact]
    public void PlanFactoryPlanReadsBackToSameMusicalBrief()
    {
        var original = PromptParser.Parse("sad lofi hip hop with piano, 85 bpm in D minor, no drums", 60, 1);

        var plan = PlanFactory.FromBrief(original);
        var back = PromptParser.FromPlan(CompositionPlan.FromJson(plan.ToJson()), 1);

        back.Genre.ShouldBe(original.Genre);
        back.Bpm.ShouldBe(original.Bpm);
        back.Key.ShouldBe(original.Key);
        back.Mood.ShouldBe(original.Mood);
        back.LengthSeconds.ShouldBe(original.LengthSeconds);
        back.HasDrums.ShouldBeFalse();
        back.Instruments.ShouldContain(Instrument.Piano);
        Composer.Compose(back).LengthSeconds.ShouldBe(60);
    }

    private static CompositionPlan Break(CompositionPlan plan, string breakage)
    {
        var sections = plan.Sections.ToList();
        switch (breakage)
        {
            case "no-sections":
                return plan with { Sections = [] };
            case "too-many-sections":
                return plan with { Sections = Enumerable.Repeat(new PlanSection { SectionName = "Loop", DurationMs = 3000 }, 31).ToList() };
            case "empty-name":
                sections[0] = sections[0] with { SectionName = "" };
                break;
            case "long-name":
                sections[0] = sections[0] with { SectionName = new string('x', 101) };
                break;
            case "short-section":
                sections[0] = sections[0] with { DurationMs = 2999 };
                break;
            case "long-section":
                sections[0] = sections[0] with { DurationMs = 120001 };
                break;
            case "too-many-lines":
                sections[1] = sections[1] with { Lines = Enumerable.Repeat("la", 31).ToList() };
                break;
            case "long-line":
                sections[1] = sections[1] with { Lines = [new string('a', 201)] };
                break;
            case "too-long-total":
                return plan with { Sections = Enumerable.Repeat(new PlanSection { SectionName = "Long", DurationMs = 120000 }, 6).ToList() };
        }

        return plan with { Sections = sections };
    }
}
