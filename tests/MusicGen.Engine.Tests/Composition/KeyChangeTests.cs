using MusicGen.Engine.Composition;
using MusicGen.Engine.Midi;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Tests.Midi;

namespace MusicGen.Engine.Tests.Composition;

public sealed class KeyChangeTests
{
    [Theory]
    [InlineData("pop in C major", 200)]
    [InlineData("epic cinematic in D minor", 240)]
    public void ComposeLiftsTheLastChorusAWholeStep(string prompt, double seconds)
    {
        var brief = PromptParser.Parse(prompt, seconds, 5);
        var score = Composer.Compose(brief);

        var lifted = score.Sections.Where(s => s.Key is not null).ToList();
        lifted.ShouldNotBeEmpty();
        var change = lifted[0];
        change.Key.ShouldBe(brief.Key with { Tonic = (brief.Key.Tonic + 2) % 12 });
        lifted.ShouldAllBe(s => s.StartBeat >= change.StartBeat);
        score.Key.ShouldBe(brief.Key, "the song's (analysis) key stays the home key");

        // The chords before the lift are in the home key, the ones after in the new key; so is the bass.
        var homeScale = ScaleOf(brief.Key);
        var liftedScale = ScaleOf(change.Key!.Value);
        var bass = score.Parts.Single(p => p.Stem == StemGroup.Bass).Notes;
        double InScale(IEnumerable<Note> notes, HashSet<int> scale) => notes.Average(n => scale.Contains(Scales.PitchClass(n.Pitch)) ? 1.0 : 0.0);
        InScale(bass.Where(n => n.Start >= change.StartBeat), liftedScale).ShouldBeGreaterThan(0.8);
        InScale(bass.Where(n => n.Start < change.StartBeat), homeScale).ShouldBeGreaterThan(0.8);
        score.Chords.First(c => c.StartBeat >= change.StartBeat).Pitches.All(p => liftedScale.Contains(Scales.PitchClass(p))).ShouldBeTrue();

        // MIDI: a second key signature where the lift starts.
        var conductor = SmfReader.Read(MidiWriter.Write(score)).Tracks[0];
        var signatures = conductor.Metas.Where(m => m.Type == 0x59).ToList();
        signatures.Count.ShouldBe(2);
        signatures[1].Tick.ShouldBe((long)Math.Round(change.StartBeat * MidiWriter.TicksPerQuarter));
        ((int)(sbyte)signatures[1].Data[0]).ShouldBe(MidiWriter.KeySignature(change.Key.Value).Sharps);
    }

    [Theory]
    [InlineData("pop in C major", 200, 5UL)]
    [InlineData("epic cinematic in D minor", 240, 5UL)]
    [InlineData("epic cinematic in D major", 180, 5UL)]
    public void TheBarBeforeALiftIsTheNewKeysDominantSeventh(string prompt, double seconds, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, seed));
        var change = score.Sections.First(s => s.Key is not null);
        var newTonic = change.Key!.Value.Tonic;
        var bar = score.Meter.QuarterBeatsPerBar;

        // B7 before a lift from D to E: the new key arrives as a resolution.
        var before = score.Chords.Where(c => c.StartBeat >= change.StartBeat - bar - 1e-9 && c.StartBeat < change.StartBeat - 1e-9).ToList();
        var dominant = before.ShouldHaveSingleItem();
        dominant.Root.ShouldBe((newTonic + 7) % 12);
        dominant.Pitches.Select(Scales.PitchClass).ShouldContain((newTonic + 11) % 12, "the new key's leading tone");
        dominant.Pitches.Select(Scales.PitchClass).ShouldContain((newTonic + 5) % 12, "the seventh, which falls to the new key's third");

        if (score.Genre == Genre.Cinematic)
        {
            // The build's timpani roll in that bar is tuned to the new key: its dominant drum plays that dominant.
            var roll = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes
                .Where(n => n.Pitch == DrumWriter.TimpaniDominant && n.Start >= change.StartBeat - bar - 0.05 && n.Start < change.StartBeat - 0.05)
                .ToList();
            roll.Count.ShouldBeGreaterThan(16);
            roll.ShouldAllBe(n => n.KitTonic == newTonic);
        }
    }

    [Theory]
    [InlineData("classical piano in C major", 180)]
    [InlineData("sad classical piano in A minor", 240)]
    public void ComposeTakesTheClassicalMiddleSectionToTheDominantAndBack(string prompt, double seconds)
    {
        var brief = PromptParser.Parse(prompt, seconds, 5);
        var score = Composer.Compose(brief);

        var away = score.Sections.Where(s => s.Key is not null).ToList();
        var middle = away.ShouldHaveSingleItem();
        middle.Name.ShouldBe("B");
        middle.Key.ShouldBe(brief.Key with { Tonic = (brief.Key.Tonic + 7) % 12 });
        score.Sections.ShouldContain(s => s.StartBeat >= middle.EndBeat && s.Name.StartsWith('A'), "the reprise comes home");

        // Everything the piano plays in B is in the dominant key, and the reprise is at home again.
        var homeScale = ScaleOf(brief.Key);
        var awayScale = ScaleOf(middle.Key!.Value);
        var notes = score.Parts.SelectMany(p => p.Notes).ToList();
        double InScale(IEnumerable<Note> ns, HashSet<int> scale) => ns.Average(n => scale.Contains(Scales.PitchClass(n.Pitch)) ? 1.0 : 0.0);
        var inB = notes.Where(n => n.Start >= middle.StartBeat && n.Start < middle.EndBeat).ToList();
        var reprise = notes.Where(n => n.Start >= middle.EndBeat).ToList();
        InScale(inB, awayScale).ShouldBeGreaterThan(0.85);
        InScale(reprise, homeScale).ShouldBeGreaterThan(0.85);
        score.Chords.Where(c => c.StartBeat >= middle.StartBeat && c.StartBeat < middle.EndBeat)
            .ShouldAllBe(c => awayScale.Contains(c.Root), "every chord of B is built on a degree of the dominant key");

        // Prepared both ways: the bar before B holds the new key's dominant seventh, B's last bar the home key's, each
        // with the leading tone of the key it leads into.
        var bar = score.Meter.QuarterBeatsPerBar;
        Chord At(double beat) => score.Chords.Last(c => c.StartBeat <= beat + 1e-9);
        foreach (var (beat, into) in new[] { (middle.StartBeat, middle.Key.Value), (middle.EndBeat, brief.Key) })
        {
            var dominant = At(beat - (bar / 2));
            dominant.StartBeat.ShouldBe(beat - bar, 1e-9);
            dominant.Root.ShouldBe((into.Tonic + 7) % 12);
            dominant.Symbol.ShouldEndWith("7");
            dominant.Symbol.ShouldNotContain("m");
            dominant.Pitches.Select(Scales.PitchClass).ShouldContain((into.Tonic + 11) % 12);
        }

        // Before that dominant, a pivot: a chord of both keys, and not the home tonic.
        var pivot = At(middle.StartBeat - (1.5 * bar));
        pivot.StartBeat.ShouldBe(middle.StartBeat - (2 * bar), 1e-9);
        pivot.Root.ShouldNotBe(brief.Key.Tonic);
        pivot.Pitches.Select(Scales.PitchClass).ShouldAllBe(pc => homeScale.Contains(pc) && awayScale.Contains(pc));

        // MIDI: home, dominant at B, home again at the reprise.
        var conductor = SmfReader.Read(MidiWriter.Write(score)).Tracks[0];
        var signatures = conductor.Metas.Where(m => m.Type == 0x59).Select(m => (m.Tick, Sharps: (int)(sbyte)m.Data[0])).ToList();
        signatures.Count.ShouldBe(3);
        signatures[1].Tick.ShouldBe((long)Math.Round(middle.StartBeat * MidiWriter.TicksPerQuarter));
        signatures[1].Sharps.ShouldBe(MidiWriter.KeySignature(middle.Key.Value).Sharps);
        signatures[2].Tick.ShouldBe((long)Math.Round(middle.EndBeat * MidiWriter.TicksPerQuarter));
        signatures[2].Sharps.ShouldBe(MidiWriter.KeySignature(brief.Key).Sharps);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(6UL)]
    public void ClassicalModulationKeepsThePianoInItsRegister(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("classical piano", 200, seed));

        score.Sections.ShouldContain(s => s.Key != null);
        foreach (var part in score.Parts)
        {
            var (low, high) = part.Stem == StemGroup.Melody ? (45, 92) : (33, 90);
            part.Notes.ShouldAllBe(n => n.Pitch >= low && n.Pitch <= high, part.Name);
        }
    }

    [Theory]
    [InlineData("classical piano in C major", 180, 5UL)]
    [InlineData("sad classical piano in A minor", 240, 5UL)]
    [InlineData("classical piano waltz in E flat major 3/4", 200, 2UL)]
    public void TheMiddleSectionEndsWithARunUpOntoTheLeadingTone(string prompt, double seconds, ulong seed)
    {
        var brief = PromptParser.Parse(prompt, seconds, seed);
        var score = Composer.Compose(brief);
        var middle = score.Sections.Single(s => s.Key is not null);
        var bar = score.Meter.QuarterBeatsPerBar;

        // The right hand's last bar of B: the run's foot on the downbeat, then sixteenths a step apart in the home key's
        // scale (its harmonic minor in minor), up onto the leading tone, close to the reprise's first note.
        var rightHand = score.Parts.Single(p => p.Name == "Piano Right Hand").Notes.OrderBy(n => n.Start).ToList();
        var run = rightHand.Where(n => n.Start >= middle.EndBeat - bar - 0.1 && n.Start < middle.EndBeat - 0.1).ToList();
        var sixteenths = (int)Math.Round((bar - 1) * 4);
        run.Count.ShouldBe(1 + sixteenths);
        run[0].Start.ShouldBe(middle.EndBeat - bar, 0.1);
        var scale = ScaleOf(brief.Key);
        scale.Add((brief.Key.Tonic + 11) % 12);
        if (brief.Key.IsMinor)
        {
            scale.Remove((brief.Key.Tonic + 10) % 12);
        }

        string Show() => string.Join(" ", run.Select(n => n.Pitch));
        for (var i = 1; i < run.Count; i++)
        {
            run[i].Start.ShouldBe(middle.EndBeat - bar + 1 + ((i - 1) * 0.25), 0.1);
            var step = run[i].Pitch - run[i - 1].Pitch;
            step.ShouldBeInRange(1, 3, Show());
            scale.ShouldContain(Scales.PitchClass(run[i].Pitch), Show());
        }

        Scales.PitchClass(run[^1].Pitch).ShouldBe((brief.Key.Tonic + 11) % 12, Show());
        (run[^1].Pitch - run[0].Pitch).ShouldBeGreaterThanOrEqualTo(12, Show());
        var reprise = rightHand.First(n => n.Start >= middle.EndBeat - 0.1);
        Math.Abs(reprise.Pitch - run[^1].Pitch).ShouldBeLessThanOrEqualTo(12, Show());
    }

    [Theory]
    [InlineData("classical piano in C major", 180, 5UL)]
    [InlineData("sad classical piano in A minor", 240, 5UL)]
    [InlineData("classical piano waltz in E flat major 3/4", 200, 2UL)]
    public void TheCadenzaBroadensIntoTheReprise(string prompt, double seconds, ulong seed)
    {
        // The top of the run takes its time: each sixteenth of its last two beats longer than the one before, the
        // last some 30 % longer than those at the tempo; the reprise is back in tempo, and the piece still ends on time.
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, seed));
        var reprise = score.Sections.Single(s => s.Key is not null).EndBeat;
        double Seconds(double from, double beats) => score.BeatToSeconds(from + beats) - score.BeatToSeconds(from);
        var atTempo = 15.0 / score.Bpm;
        Seconds(reprise - 2.25, 0.25).ShouldBe(atTempo, 1e-9, "the run before its top is in tempo");
        var lengths = Enumerable.Range(0, 8).Select(i => Seconds(reprise - 2 + (i * 0.25), 0.25)).ToList();
        for (var i = 2; i < lengths.Count; i += 2)
        {
            lengths[i].ShouldBeGreaterThan(lengths[i - 1]);
        }

        (lengths[^1] / atTempo).ShouldBeInRange(1.25, 1.35);
        Seconds(reprise, 4).ShouldBe(16 * atTempo, 1e-9, "the reprise is a tempo");
        score.BeatToSeconds(score.MusicEndBeat).ShouldBeLessThan(seconds - 0.6);
    }

    [Theory]
    [InlineData("classical piano in C major", 180, 5UL)]
    [InlineData("classical piano waltz in E flat major 3/4", 200, 2UL)]
    [InlineData("classical piano", 60, 1UL)]
    public void TheVariedRepeatBreathesAtItsPhraseEnds(string prompt, double seconds, ulong seed)
    {
        // Each four-bar phrase of the first A' (and its last bar) lingers over its last beat (the last half beat at 0.88
        // of the tempo, the half before at 0.94) and the next phrase goes on in tempo; the first statement keeps strict
        // time. (Where a later A' would no longer fit before the ring-out, its breaths are left out.)
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, seed));
        var varied = score.Sections.First(s => s.Name == "A'");
        var first = score.Sections.First(s => s.Name == "A");
        var phrase = 4 * score.Meter.QuarterBeatsPerBar;
        double Seconds(double from, double beats) => score.BeatToSeconds(from + beats) - score.BeatToSeconds(from);
        var beat = 60.0 / score.Bpm;
        var ends = 0;
        var phraseEnds = Enumerable.Range(1, (int)(varied.LengthBeats / phrase)).Select(k => varied.StartBeat + (k * phrase)).Append(varied.EndBeat).Distinct();
        foreach (var end in phraseEnds)
        {
            ends++;
            Seconds(end - 0.5, 0.5).ShouldBe(0.5 * beat / SongTiming.PhraseBreathEnd, 1e-9, $"phrase end {end}");
            Seconds(end - 1, 0.5).ShouldBe(beat / (1 + SongTiming.PhraseBreathEnd), 1e-9);
            Seconds(end - 2, 1).ShouldBe(beat, 1e-9, "only the phrase's last beat lingers");
            Seconds(end, 1).ShouldBe(beat, 1e-9, "the next phrase goes on in tempo");
        }

        ends.ShouldBeGreaterThanOrEqualTo(2);
        Seconds(first.StartBeat + phrase - 1, 1).ShouldBe(beat, 1e-9, "the first statement keeps strict time");
        score.BeatToSeconds(score.MusicEndBeat).ShouldBeLessThan(seconds - 0.6);
    }

    private static HashSet<int> ScaleOf(Key key) => Scales.Steps(key.Mode).Select(s => Scales.PitchClass(key.Tonic + s)).ToHashSet();

    [Theory]
    [InlineData("pop", 30)]
    [InlineData("rock", 200)]
    [InlineData("trance", 240)]
    [InlineData("classical piano", 30)]
    public void ComposeKeepsOneKeyInShortSongsAndOtherGenres(string prompt, double seconds) =>
        Composer.Compose(PromptParser.Parse(prompt, seconds, 5)).Sections.ShouldAllBe(s => s.Key == null);
}
