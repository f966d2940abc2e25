using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Composition;

/// <summary>The classical right hand's ornaments: the theme plain, its repeats decorated, a trill into the final tonic.</summary>
public sealed class OrnamentTests
{
    /// <summary>Notes this short are ornaments: the melody's own shortest notes are sixteenths (a quarter beat).</summary>
    private const double OrnamentBeats = 0.2;

    private static Part RightHand(Score score) => score.Parts.Single(p => p.Name == "Piano Right Hand");

    [Theory]
    [InlineData("classical piano piece", 60, 1UL)]
    [InlineData("classical piano piece", 60, 2UL)]
    [InlineData("sad nocturne in a minor", 90, 3UL)]
    [InlineData("piano etude in 3/4", 45, 4UL)]
    [InlineData("classical piano in 6/8", 60, 5UL)]
    public void ClassicalPieceClosesOnATrillFromTheSupertonicIntoTheTonic(string prompt, double seconds, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, seed));
        var notes = RightHand(score).Notes;
        var final = notes.MaxBy(n => n.Start);
        Scales.PitchClass(final.Pitch).ShouldBe(score.Key.Tonic);

        // Over the two beats before the final chord (a dotted quarter in 6/8): the supertonic and the step above it in
        // turn, quick, then the tonic and the supertonic again into the final note.
        var beats = score.Meter == Meter.SixEight ? 1.5 : 2.0;
        var trill = notes.Where(n => n.Start > final.Start - beats - 0.1 && n.Start < final.Start - 1e-6).OrderBy(n => n.Start).ToList();
        trill.Count.ShouldBeGreaterThanOrEqualTo(8);
        trill.ShouldAllBe(n => n.Duration < OrnamentBeats);
        var main = Ornaments.Neighbour(score.Key, final.Pitch, 1);
        var upper = Ornaments.Neighbour(score.Key, main, 1);
        trill[^1].Pitch.ShouldBe(main);
        trill[^2].Pitch.ShouldBe(final.Pitch);
        var shake = trill.Take(trill.Count - 2).ToList();
        shake.Select(n => n.Pitch).Distinct().Order().ShouldBe(new[] { main, upper });
        shake.Zip(shake.Skip(1)).ShouldAllBe(pair => pair.First.Pitch != pair.Second.Pitch);
        shake[0].Pitch.ShouldBe(main);
    }

    [Theory]
    [InlineData(60.0)]
    [InlineData(150.0)]
    public void ClassicalThemeIsPlainFirstAndDecoratedWhenItReturns(double seconds)
    {
        var plain = 0;
        var decorated = 0;
        for (var seed = 1UL; seed <= 6; seed++)
        {
            var score = Composer.Compose(PromptParser.Parse("classical piano piece", seconds, seed));
            var notes = RightHand(score).Notes;
            var first = score.Sections[0];
            int Ornamental(Section s) => notes.Count(n => n.Start >= s.StartBeat + 0.1 && n.Start < s.EndBeat - 0.1 && n.Duration < OrnamentBeats);

            plain += Ornamental(first);
            decorated += score.Sections.Skip(1).Where(s => s.Name.StartsWith(first.Name, StringComparison.Ordinal) && s.Name != "Coda").Sum(Ornamental);
        }

        plain.ShouldBe(0);
        decorated.ShouldBeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public void OrnamentsMoveAtAPlayersPaceWhateverTheTempo()
    {
        foreach (var bpm in new[] { 60.0, 84, 100, 120 })
        {
            var perSecond = Ornaments.Division(bpm) * bpm / 60;
            perSecond.ShouldBeInRange(8, 14);
        }
    }

    [Fact]
    public void NeighboursAreTheScaleStepsAroundANote()
    {
        var cMajor = new Key(0, Mode.Major);
        Ornaments.Neighbour(cMajor, 62, 1).ShouldBe(64);
        Ornaments.Neighbour(cMajor, 64, 1).ShouldBe(65);
        Ornaments.Neighbour(cMajor, 60, -1).ShouldBe(59);
        var aMinor = new Key(9, Mode.Minor);
        Ornaments.Neighbour(aMinor, 71, 1).ShouldBe(72);
        // The raised leading tone of the dominant chord leans on the tonic above it.
        Ornaments.Neighbour(aMinor, 68, 1).ShouldBe(69);
    }
}
