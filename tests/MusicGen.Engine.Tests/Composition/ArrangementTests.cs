using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Composition;

public sealed class ArrangementTests
{
    [Theory]
    [InlineData("house", 240)]
    [InlineData("trance", 240)]
    [InlineData("pop", 200)]
    public void ComposeLouderSectionsPlayMoreDrumHitsPerBar(string prompt, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, 8));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);

        var quiet = score.Sections.Take(score.Sections.Count - 1).MinBy(s => s.Energy)!;
        var loud = score.Sections.Take(score.Sections.Count - 1).MaxBy(s => s.Energy)!;
        double HitsPerBeat(Section s) => drums.Notes.Count(n => n.Start >= s.StartBeat && n.Start < s.EndBeat) / s.LengthBeats;

        loud.Energy.ShouldBeGreaterThan(quiet.Energy);
        HitsPerBeat(loud).ShouldBeGreaterThan(HitsPerBeat(quiet));
    }

    public static TheoryData<Genre, string> GenreMoods()
    {
        var data = new TheoryData<Genre, string>();
        foreach (var genre in Enum.GetValues<Genre>())
        {
            foreach (var words in new[] { "", "calm minimal", "energetic", "sad, no drums" })
            {
                data.Add(genre, words);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GenreMoods))]
    public void ComposeNeverLeavesABarSilent(Genre genre, string words)
    {
        var score = Composer.Compose(PromptParser.Parse($"{words} {GenreNames.Display(genre)}", 150, 3));
        var bar = score.Meter.QuarterBeatsPerBar;
        var sounding = score.Parts.Where(p => p.Instrument != Instrument.NoiseRiser).SelectMany(p => p.Notes).ToList();

        var silent = new List<double>();
        for (var start = 0.0; start < score.MusicEndBeat - 1e-9; start += bar)
        {
            if (!sounding.Any(n => n.Start < start + bar && n.Start + n.Duration > start))
            {
                silent.Add(start);
            }
        }

        silent.ShouldBeEmpty();
    }

    [Fact]
    public void ComposeBreakdownDropsTheKick()
    {
        var score = Composer.Compose(PromptParser.Parse("trance", 300, 2));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);

        var breakdown = score.Sections.First(s => s.Name == "Breakdown");

        drums.Notes.Where(n => n.Pitch == 36 && n.Start >= breakdown.StartBeat && n.Start < breakdown.EndBeat - score.Meter.QuarterBeatsPerBar)
            .ShouldBeEmpty();
    }

    [Fact]
    public void ComposeEnergyJumpIsAnnouncedByAFillInTheBarBefore()
    {
        var score = Composer.Compose(PromptParser.Parse("house", 240, 6));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);

        var jumps = score.Sections.Zip(score.Sections.Skip(1)).Where(pair => pair.Second.Energy - pair.First.Energy >= 0.12).ToList();

        jumps.ShouldNotBeEmpty();
        foreach (var (before, _) in jumps)
        {
            var lastBeat = before.EndBeat - 1;
            drums.Notes.Count(n => n.Pitch is 38 or 39 && n.Start >= lastBeat - 1e-6 && n.Start < before.EndBeat).ShouldBeGreaterThanOrEqualTo(3, before.Name);
        }
    }

    [Fact]
    public void ComposeCinematicClimaxIsBuiltUpByACrescendoRoll()
    {
        var score = Composer.Compose(PromptParser.Parse("epic cinematic orchestral", 240, 3));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);
        var bar = score.Meter.QuarterBeatsPerBar;

        var climaxes = score.Sections.Zip(score.Sections.Skip(1)).Where(pair => pair.Second.Energy - pair.First.Energy >= 0.3).ToList();

        climaxes.ShouldNotBeEmpty();
        foreach (var (before, climax) in climaxes)
        {
            var roll = drums.Notes.Where(n => n.Pitch is 38 or DrumWriter.TimpaniDominant && n.Start >= before.EndBeat - bar - 1e-6 && n.Start < before.EndBeat).OrderBy(n => n.Start).ToList();
            roll.Count(n => n.Pitch == DrumWriter.TimpaniDominant).ShouldBeGreaterThanOrEqualTo(24, climax.Name);
            var quarter = roll.Count / 4;
            roll.TakeLast(quarter).Average(n => n.Velocity).ShouldBeGreaterThan(roll.Take(quarter).Average(n => n.Velocity) * 2, climax.Name);
        }
    }

    [Theory]
    [InlineData(1UL, 180)]
    [InlineData(2UL, 240)]
    [InlineData(3UL, 240)]
    public void CinematicStringOstinatoSwellsIntoEachClimax(ulong seed, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse("epic cinematic orchestral", seconds, seed));
        var strings = score.Parts.Single(p => p.Name == "Chords" && p.Instrument == Instrument.Strings).Notes;
        var bar = score.Meter.QuarterBeatsPerBar;
        double BarLoudness(double start) => strings.Where(n => n.Start >= start - 0.1 && n.Start < start + bar - 0.1).Average(n => n.Velocity);

        var swells = 0;
        foreach (var (before, next) in score.Sections.Zip(score.Sections.Skip(1)))
        {
            var bars = (int)Math.Round(before.LengthBeats / bar);
            if (before.Energy < 0.3 || strings.Count(n => n.Start >= before.StartBeat && n.Start < before.EndBeat) < 8 * bars)
            {
                continue;
            }

            // Bar by bar over the section's last half (at most eight bars): louder each bar before a climax, level elsewhere.
            var span = Math.Min(CompWriter.CrescendoBars, bars / 2);
            var loudness = Enumerable.Range(bars - span, span).Select(b => BarLoudness(before.StartBeat + (b * bar))).ToArray();
            var shown = string.Join(", ", loudness.Select(v => v.ToString("F0")));
            if (next.Energy - before.Energy >= CompWriter.CrescendoRise)
            {
                loudness.Zip(loudness.Skip(1)).ShouldAllBe(pair => pair.Second > pair.First, $"{before.Name} into {next.Name}: {shown}");
                (loudness[^1] / loudness[0]).ShouldBeGreaterThan(1.25, $"{before.Name} into {next.Name}: {shown}");
                swells++;
            }
            else
            {
                (loudness.Max() / loudness.Min()).ShouldBeLessThan(1.12, $"{before.Name} before {next.Name}: {shown}");
            }
        }

        swells.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void ComposeAmbientKeepsItsPercussionToTexture(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("ambient", 180, seed));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);

        // Kick, snare, clap, toms and crash: a fill or a hit would jolt a piece with no beat to carry it.
        drums.Notes.ShouldNotBeEmpty();
        drums.Notes.Select(n => n.Pitch).Distinct().ShouldAllBe(pitch => pitch != 36 && pitch != 38 && pitch != 39 && pitch != 45 && pitch != 48 && pitch != 49 && pitch != 50);
    }

    [Theory]
    [InlineData("trance", 120)]
    [InlineData("synthwave", 120)]
    [InlineData("pop", 120)]
    [InlineData("classical piano", 120)]
    public void ComposeMelodyDownbeatsAreMostlyChordTones(string prompt, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, 4));
        var melody = score.Parts.Single(p => p.Stem == StemGroup.Melody);
        var bar = score.Meter.QuarterBeatsPerBar;

        var downbeats = melody.Notes.Where(n => Math.Abs(n.Start / bar - Math.Round(n.Start / bar)) * bar < 0.05).ToList();
        var chordTones = downbeats.Count(n =>
        {
            var chord = score.Chords.Last(c => c.StartBeat <= Math.Round(n.Start / bar) * bar + 1e-6);
            return chord.Pitches.Any(p => (p - n.Pitch) % 12 == 0);
        });

        downbeats.Count.ShouldBeGreaterThan(4);
        ((double)chordTones / downbeats.Count).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Theory]
    [InlineData("pop")]
    [InlineData("rock")]
    [InlineData("synthwave")]
    [InlineData("house")]
    [InlineData("funk")]
    public void ComposeMelodiesMostlyTurnBackByAStepAfterALeap(string prompt)
    {
        // Gap fill: after a leap of a third to a fifth the line mostly turns back by a step. Strong beats and long notes
        // keep their chord tones, so not every leap can be filled; a third of them at least (pop, rock and synthwave
        // filled a fifth or fewer before).
        var (leaps, filled) = (0, 0);
        for (var seed = 1UL; seed <= 4; seed++)
        {
            var score = Composer.Compose(PromptParser.Parse(prompt, 120, seed));
            var line = score.Parts.Single(p => p.Stem == StemGroup.Melody).Notes
                .GroupBy(n => Math.Round(n.Start, 2)).OrderBy(g => g.Key).Select(g => g.Max(n => n.Pitch)).ToList();
            for (var i = 1; i + 1 < line.Count; i++)
            {
                var leap = line[i] - line[i - 1];
                if (Math.Abs(leap) is >= 4 and <= 7)
                {
                    leaps++;
                    var next = line[i + 1] - line[i];
                    filled += Math.Sign(next) == -Math.Sign(leap) && Math.Abs(next) <= 2 ? 1 : 0;
                }
            }
        }

        leaps.ShouldBeGreaterThan(20);
        ((double)filled / leaps).ShouldBeGreaterThanOrEqualTo(0.33);
    }

    [Theory]
    [InlineData("pop", 200)]
    [InlineData("jazz", 200)]
    [InlineData("lofi", 200)]
    public void ComposeChordVoicingsMoveSmoothly(string prompt, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, 5));

        var movements = score.Chords.Zip(score.Chords.Skip(1))
            .Select(pair => pair.Second.Pitches.Average(p => pair.First.Pitches.Min(q => Math.Abs(p - q))))
            .ToList();

        movements.Average().ShouldBeLessThan(2.5);
        score.Chords.ShouldAllBe(c => c.Pitches.Min() >= 48 && c.Pitches.Max() <= 79);
    }

    [Theory]
    [InlineData("techno")]
    [InlineData("trance")]
    public void ComposeQuantisedGenresKeepEveryNoteOnTheGrid(string prompt)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, 60, 1));

        foreach (var part in score.Parts)
        {
            part.Notes.ShouldAllBe(n => Math.Abs((n.Start * 8) - Math.Round(n.Start * 8)) < 1e-6, part.Name);
        }
    }

    [Fact]
    public void ComposeLofiDriftsOffTheGrid()
    {
        var score = Composer.Compose(PromptParser.Parse("lofi hip hop", 60, 1));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit);

        var onBeatKicks = drums.Notes.Where(n => n.Pitch == 36 && Math.Abs(n.Start - Math.Round(n.Start)) < 0.1).ToList();

        onBeatKicks.Count.ShouldBeGreaterThan(10);
        onBeatKicks.Count(n => Math.Abs(n.Start - Math.Round(n.Start)) > 0.001).ShouldBeGreaterThan(onBeatKicks.Count / 2);
    }

    [Theory]
    [InlineData("jazz", Instrument.UprightBass)]
    [InlineData("drum and bass", Instrument.ReeseBass)]
    [InlineData("trap 140 bpm", Instrument.SubBass)]
    [InlineData("rock", Instrument.PluckBass)]
    public void ComposeUsesTheGenresBass(string prompt, Instrument bass)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, 30, 1));

        score.Parts.Single(p => p.Stem == StemGroup.Bass).Instrument.ShouldBe(bass);
    }

    [Fact]
    public void ComposeWalkingBassPlaysEveryBeat()
    {
        var score = Composer.Compose(PromptParser.Parse("jazz 120 bpm", 60, 1));
        var bass = score.Parts.Single(p => p.Stem == StemGroup.Bass);

        var lastBar = score.MusicEndBeat - 4;
        var beats = bass.Notes.Where(n => n.Start < lastBar).Select(n => (int)Math.Round(n.Start)).Distinct().Count();

        beats.ShouldBeGreaterThan((int)(lastBar * 0.8));
    }

    [Fact]
    public void WalkingBassVariesItsLineBarByBar()
    {
        var (bars, runs, skips) = (0, 0, 0);
        var shapes = new HashSet<string>();
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var score = Composer.Compose(PromptParser.Parse("jazz 120 bpm", 90, seed));
            var bar = score.Meter.QuarterBeatsPerBar;
            var notes = score.Parts.Single(p => p.Stem == StemGroup.Bass).Notes.Where(n => n.Start < score.MusicEndBeat - bar).ToList();
            foreach (var inBar in notes.GroupBy(n => (int)Math.Floor((n.Start + 0.1) / bar)))
            {
                var byBeat = inBar.GroupBy(n => (int)Math.Floor(n.Start + 0.1) % (int)bar).OrderBy(g => g.Key).ToList();
                if (byBeat.Count != (int)bar)
                {
                    continue;
                }

                bars++;
                var pitches = byBeat.Select(g => g.OrderBy(n => n.Start).Last().Pitch).ToArray();
                shapes.Add(string.Join(",", pitches.Skip(1).Select(p => p - pitches[0])));

                // A scale run: beats 1 to 3 stepping the same way by a tone or a semitone each.
                var (first, second) = (pitches[1] - pitches[0], pitches[2] - pitches[1]);
                if (Math.Abs(first) is 1 or 2 && Math.Abs(second) is 1 or 2 && Math.Sign(first) == Math.Sign(second))
                {
                    runs++;
                }

                // A skip: two notes in one beat (a ghosted eighth, then the approach).
                skips += byBeat.Count(g => g.Count() == 2);
            }
        }

        bars.ShouldBeGreaterThan(60);
        shapes.Count.ShouldBeGreaterThan(bars / 3, "a walk varies its shape");
        runs.ShouldBeGreaterThan(bars / 8, "some bars walk up or down the scale");
        skips.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void JazzCompingVariesItsRhythmAndPushesChords()
    {
        var (bars, pushes) = (0, 0);
        var rhythms = new HashSet<string>();
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var score = Composer.Compose(PromptParser.Parse("jazz 120 bpm", 90, seed));
            var bar = score.Meter.QuarterBeatsPerBar;
            var comp = score.Parts.Single(p => p.Name == "Chords").Notes.Where(n => n.Start < score.MusicEndBeat - (2 * bar)).ToList();
            Chord ChordAt(double beat) => score.Chords.Last(c => c.StartBeat <= beat + 1e-9);
            var strokes = comp.GroupBy(n => Math.Round(n.Start, 1)).Select(g => (Start: g.Min(n => n.Start), Classes: g.Select(n => Scales.PitchClass(n.Pitch)).ToHashSet())).ToList();
            foreach (var inBar in strokes.GroupBy(s => (int)Math.Floor((s.Start + 0.05) / bar)))
            {
                bars++;
                rhythms.Add(string.Join(",", inBar.Select(s => Math.Round(((s.Start + 0.05) % bar) * 3) / 3).Order()));
                foreach (var (start, classes) in inBar.Where(s => (s.Start + 0.05) % bar > bar - 0.7))
                {
                    // A push: the stroke on the "and" of the last beat plays the chord of the downbeat to come, and
                    // that downbeat is left to it.
                    var downbeat = ((int)Math.Floor((start + 0.05) / bar) + 1) * bar;
                    var (now, next) = (ChordAt(start).Pitches.Select(Scales.PitchClass).ToHashSet(), ChordAt(downbeat).Pitches.Select(Scales.PitchClass).ToHashSet());
                    if (!now.SetEquals(next) && classes.IsSubsetOf(next) && !classes.IsSubsetOf(now))
                    {
                        pushes++;
                        strokes.ShouldNotContain(s => Math.Abs(s.Start - downbeat) < 0.1, $"the pushed chord at {start:F2} holds over its downbeat");
                    }
                }
            }
        }

        bars.ShouldBeGreaterThan(60);
        rhythms.Count.ShouldBeGreaterThanOrEqualTo(8, "the comping rhythm changes from bar to bar");
        pushes.ShouldBeGreaterThan(3, "some chords arrive early, on the and of four");
    }

    [Fact]
    public void JazzDrummerCatchesThePushes()
    {
        // Every push (a comping stroke on the and of the last beat that holds over the barline) gets a snare accent, or a
        // brush slap, with it: harder than the ghost notes the left hand plays on the other ands.
        var caught = 0;
        foreach (var (prompt, seed) in new[] { ("jazz 120 bpm", 1UL), ("jazz 120 bpm", 2UL), ("upbeat jazz 160 bpm", 3UL), ("jazz ballad 80 bpm", 4UL) })
        {
            var score = Composer.Compose(PromptParser.Parse(prompt, 90, seed));
            var bar = score.Meter.QuarterBeatsPerBar;
            var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;
            var pushes = score.Parts.Single(p => p.Name == "Chords").Notes
                .Where(n => (n.Start + 0.05) % bar > bar - 0.6 && n.Start + n.Duration > (Math.Floor((n.Start + 0.05) / bar) + 1) * bar + 0.05)
                .Select(n => n.Start)
                .Distinct()
                .ToList();
            foreach (var push in pushes)
            {
                var hits = drums.Where(n => Math.Abs(n.Start - push) < 0.08 && n.Pitch is 38 or DrumWriter.BrushTap).ToList();
                hits.ShouldNotBeEmpty($"{prompt}, seed {seed}: a push at beat {push:F2} without the snare");
                hits.Max(n => n.Velocity).ShouldBeGreaterThan(60, $"{prompt}, seed {seed}: the push at {push:F2} is caught, not ghosted");
                caught++;
            }
        }

        caught.ShouldBeGreaterThan(5);
    }

    [Theory]
    [InlineData(180.0, 1UL)]
    [InlineData(240.0, 2UL)]
    public void JazzSoloEndsTradingFoursWithTheDrums(double seconds, ulong seed)
    {
        // The solo's second half alternates four bars of the lead over the band with four bars of drums alone, the
        // drummer's four last; the drummer solos around the kit and runs down the toms into the next four.
        var score = Composer.Compose(PromptParser.Parse("jazz", seconds, seed));
        var solo = score.Sections.Single(s => s.Name == "Solo");
        var bar = score.Meter.QuarterBeatsPerBar;
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;
        var band = score.Parts.Where(p => p.Instrument != Instrument.DrumKit).ToList();
        var lead = score.Parts.Single(p => p.Stem == StemGroup.Melody).Notes;
        var pairs = (int)Math.Round(solo.LengthBeats / bar) / 16;
        pairs.ShouldBeGreaterThanOrEqualTo(1);
        for (var pair = 1; pair <= pairs; pair++)
        {
            var drumFour = solo.EndBeat - (8 * pair * bar) + (4 * bar);
            var (from, to) = (drumFour + 0.1, drumFour + (4 * bar) - 0.1);
            foreach (var part in band)
            {
                part.Notes.ShouldNotContain(n => n.Start > from && n.Start < to, $"{part.Name} lays out in the drummer's four at beat {drumFour}");
            }

            lead.ShouldContain(n => n.Start > drumFour - (4 * bar) && n.Start < drumFour - 0.1, "the soloist plays the four before");
            var strokes = drums.Where(n => n.Start > from - 0.2 && n.Start < to && n.Pitch is 36 or 38 or 41 or 45 or 48 or 50).ToList();
            strokes.Count.ShouldBeGreaterThan(16);
            strokes.Select(n => n.Pitch).Distinct().Count().ShouldBeGreaterThanOrEqualTo(4, "around the kit");
            var run = drums.Where(n => n.Start > to - 1.05 && n.Start < to + 0.05 && n.Pitch is 41 or 45 or 48 or 50).OrderBy(n => n.Start).Select(n => n.Pitch).ToList();
            run.ShouldBe([50, 48, 45, 41], "the last beat runs down the toms");
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void LofiKeysPlayRootlessNinthsInTheBSection(ulong seed)
    {
        // Every B-section chord on the keys leaves the root to the bass and stacks thirds from the third; most end on
        // the ninth. The A sections keep the usual voicing, root and all, in about the same register.
        var score = Composer.Compose(PromptParser.Parse("lofi hip hop", 90, seed));
        var keys = score.Parts.Single(p => p.Name == "Chords");
        var (b, a) = (score.Sections.Where(s => s.Name == "B").ToList(), score.Sections.Where(s => s.Name == "A").ToList());
        b.ShouldNotBeEmpty();
        List<(Chord Chord, List<int> Pitches)> Strokes(IEnumerable<Section> sections) => [.. keys.Notes
            .Where(n => sections.Any(s => n.Start >= s.StartBeat - 0.1 && n.Start < s.EndBeat - 0.1))
            .GroupBy(n => Math.Round(n.Start * 2) / 2)
            .Select(g => (score.Chords.Last(c => c.StartBeat <= g.Key + 0.1), g.Select(n => n.Pitch).Order().ToList()))];
        var lifted = Strokes(b);
        var usual = Strokes(a);
        lifted.Count.ShouldBeGreaterThan(4);
        var ninths = 0;
        foreach (var (chord, pitches) in lifted)
        {
            pitches.ShouldNotContain(p => Scales.PitchClass(p) == chord.Root, $"{chord.Symbol}: {string.Join(" ", pitches)}");
            pitches.Zip(pitches.Skip(1), (low, high) => high - low).ShouldAllBe(step => step >= 1 && step <= 4, string.Join(" ", pitches));
            ninths += Scales.PitchClass(pitches[^1] - chord.Root) == 2 ? 1 : 0;
        }

        ninths.ShouldBeGreaterThan(lifted.Count / 2);
        usual.Count(s => s.Pitches.Any(p => Scales.PitchClass(p) == s.Chord.Root)).ShouldBeGreaterThan(usual.Count / 2);
        Math.Abs(lifted.Average(s => s.Pitches[0]) - usual.Average(s => s.Pitches[0])).ShouldBeLessThan(6);
    }

    [Fact]
    public void ComposeWaltzKeepsBarsOfThreeBeats()
    {
        var score = Composer.Compose(PromptParser.Parse("waltz for solo piano in 3/4", 40, 1));

        score.Meter.ShouldBe(Meter.ThreeFour);
        score.Sections.ShouldAllBe(s => Math.Abs(s.StartBeat % 3) < 1e-9);
        score.Chords.Take(score.Chords.Count - 1).ShouldAllBe(c => Math.Abs(c.StartBeat % 3) < 1e-9);
    }

    [Theory]
    [InlineData(60.0, 1UL)]
    [InlineData(150.0, 2UL)]
    [InlineData(240.0, 3UL)]
    public void FunkChorusesHitHornStabsOnTheChordsColourTones(double seconds, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("funk groove", seconds, seed));
        var horns = score.Parts.Single(p => p.Name == "Horn Stabs");
        horns.Instrument.ShouldBe(Instrument.Brass);

        // Only in the choruses (and any section at energy 0.85 or more), and in every one of them.
        var sectionOf = horns.Notes.Select(n => score.Sections.Last(s => s.StartBeat <= n.Start + 1e-6)).ToList();
        sectionOf.ShouldAllBe(s => s.Name.Contains("Chorus") || s.Energy >= 0.85);
        foreach (var chorus in score.Sections.Where(s => s.Name.Contains("Chorus")))
        {
            horns.Notes.Count(n => n.Start >= chorus.StartBeat && n.Start < chorus.EndBeat).ShouldBeGreaterThan(0);
        }

        // Each hit is short and stacks three tones of the chord sounding: its third among them, under the lead. The
        // section's last hit falls off: struck on those tones, each horn slides down a fourth.
        foreach (var hit in horns.Notes.GroupBy(n => Math.Round(n.Start, 3)))
        {
            hit.Count().ShouldBe(3);
            var struck = hit.Select(n => n.GlideFrom ?? n.Pitch).ToList();
            struck.ShouldAllBe(p => p >= 62 && p < 75);
            var falls = hit.Count(n => n.GlideFrom is not null);
            (falls == 0 ? hit.All(n => n.Duration < 0.5) : falls == 3 && hit.All(n => n.GlideFrom - n.Pitch == 5)).ShouldBeTrue();

            // (A hit on a downbeat may be humanised a few ms ahead of its chord.)
            var chord = score.Chords.Last(c => c.StartBeat <= hit.Key + 0.05);
            var tones = chord.Pitches.Select(Scales.PitchClass).ToHashSet();
            struck.ShouldAllBe(p => tones.Contains(Scales.PitchClass(p)));
            struck.Select(p => Scales.PitchClass(p - chord.Root)).ShouldContain(interval => interval == 3 || interval == 4);
        }

        foreach (var chorus in score.Sections.Where(s => s.Name.Contains("Chorus")))
        {
            var last = horns.Notes.Where(n => n.Start >= chorus.StartBeat - 0.05 && n.Start < chorus.EndBeat - 0.05).MaxBy(n => n.Start);
            last.GlideFrom.ShouldNotBeNull();
        }

        // A horn line comes round the same each chorus: the hits' places in the bar repeat.
        var bar = score.Meter.QuarterBeatsPerBar;
        var choruses = score.Sections.Where(s => s.Name.Contains("Chorus")).ToList();
        if (choruses.Count >= 2)
        {
            // Placed to the sixteenth: swing and timing drift move a hit by a few hundredths of a beat.
            double[] Figure(Section s) => [.. horns.Notes.Where(n => n.Start >= s.StartBeat - 0.05 && n.Start < s.StartBeat + (2 * bar) - 0.05).Select(n => Math.Round((n.Start - s.StartBeat) * 4) / 4).Distinct()];
            Figure(choruses[1]).ShouldBe(Figure(choruses[0]));
        }
    }

    [Fact]
    public void NoBrassMeansNoHornStabs()
    {
        var score = Composer.Compose(PromptParser.Parse("funk groove, no brass", 60, 1));
        score.Parts.ShouldNotContain(p => p.Instrument == Instrument.Brass);
    }

    [Theory]
    [InlineData("classical piano piece", 150.0, 1UL)]
    [InlineData("classical piano waltz in 3/4", 120.0, 2UL)]
    public void ClassicalLeftHandChangesItsFigureWithTheSection(string prompt, double seconds, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, seed));
        var left = score.Parts.Single(p => p.Name == "Piano Left Hand").Notes;
        var bar = score.Meter.QuarterBeatsPerBar;
        List<List<Note>> Bars(Section s) =>
            [.. Enumerable.Range(0, (int)Math.Round(s.LengthBeats / bar)).Select(k => left.Where(n => n.Start >= s.StartBeat + (k * bar) - 0.05 && n.Start < s.StartBeat + ((k + 1) * bar) - 0.05).ToList()).Where(b => b.Count > 0)];
        static int Span(List<Note> notes) => notes.Max(n => n.Pitch) - notes.Min(n => n.Pitch);
        static bool Stacked(List<Note> notes) => notes.GroupBy(n => Math.Round(n.Start, 2)).Any(g => g.Count() >= 3);

        // The theme over Alberti bass: one note at a time, within an octave.
        var theme = Bars(score.Sections[0]);
        theme.Select(b => !Stacked(b) && Span(b) <= 12).ShouldAllBe(alberti => alberti);

        // The varied repeat spreads into wide arpeggios, one note at a time, through the tenth.
        var varied = Bars(score.Sections.First(s => s.Name == "A'"));
        varied.Select(Stacked).ShouldAllBe(stacked => !stacked);
        varied.Count(b => Span(b) >= 15).ShouldBeGreaterThan(varied.Count / 2);

        // The middle section plays broken chords: a bass note, then the chord stacked above it.
        var middle = Bars(score.Sections.First(s => s.Name == "B"));
        middle.Count(Stacked).ShouldBeGreaterThan(middle.Count * 3 / 4);
    }

    [Fact]
    public void JazzSoloSetsOutByQuotingTheHeadThenImprovises()
    {
        var improvised = 0;
        for (var seed = 1UL; seed <= 4; seed++)
        {
            var score = Composer.Compose(PromptParser.Parse("jazz", 150, seed));
            var lead = score.Parts.Single(p => p.Stem == StemGroup.Melody).Notes;
            var bar = score.Meter.QuarterBeatsPerBar;
            var head = score.Sections[0];
            var solo = score.Sections.First(s => s.Name == "Solo");
            List<(double, int)> Line(double from, double bars) =>
                [.. lead.Where(n => n.Start >= from - 0.05 && n.Start < from + (bars * bar) - 0.05).OrderBy(n => n.Start).Select(n => (Math.Round((n.Start - from) * 4) / 4, n.Pitch))];

            // Its first two bars are the head's first two, note for note (humanising aside)...
            Line(solo.StartBeat, 2).ShouldNotBeEmpty();
            Line(solo.StartBeat, 2).ShouldBe(Line(head.StartBeat, 2));

            // ...and then it goes its own way.
            improvised += Line(solo.StartBeat + (2 * bar), 2).SequenceEqual(Line(head.StartBeat + (2 * bar), 2)) ? 0 : 1;
        }

        improvised.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData(90.0, 1UL)]
    [InlineData(240.0, 2UL)]
    public void DrumAndBassIntroFallsIntoHalfTimeBeforeTheDrop(double seconds, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("drum and bass", seconds, seed));
        var drums = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;
        var intro = score.Sections[0];
        intro.Name.ShouldBe("Intro");
        var bar = score.Meter.QuarterBeatsPerBar;
        var bars = (int)Math.Round(intro.LengthBeats / bar);
        List<Note> Hits(int k, int pitch) => [.. drums.Where(n => n.Pitch == pitch && n.Start >= intro.StartBeat + (k * bar) - 0.05 && n.Start < intro.StartBeat + ((k + 1) * bar) - 0.05)];

        // The first half only hats; from the middle on, a kick on the one and a snare on three, nothing on two or four
        // (the last bar's fill into the drop aside).
        for (var k = 0; k < bars / 2; k++)
        {
            Hits(k, 36).ShouldBeEmpty();
            Hits(k, 38).ShouldBeEmpty();
        }

        for (var k = bars / 2; k < bars - 1; k++)
        {
            var barStart = intro.StartBeat + (k * bar);
            Hits(k, 36).Select(n => Math.Round(n.Start - barStart)).ShouldBe([0.0]);
            Hits(k, 38).Select(n => Math.Round(n.Start - barStart)).ShouldBe([2.0]);
        }

        // The drop doubles it: the two-step's backbeat on two and four.
        var drop = score.Sections.First(s => s.Name == "Drop");
        drums.Count(n => n.Pitch == 38 && n.Velocity > 80 && n.Start >= drop.StartBeat && n.Start < drop.StartBeat + bar && Math.Abs(n.Start - drop.StartBeat - 1) < 0.05).ShouldBe(1);
    }
}
