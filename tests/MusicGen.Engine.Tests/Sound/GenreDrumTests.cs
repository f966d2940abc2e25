using System.Security.Cryptography;
using MusicGen.Engine.Composition;
using MusicGen.Engine.Encoding;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Rendering;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;
using MusicGen.Engine.Tests.Midi;

namespace MusicGen.Engine.Tests.Sound;

/// <summary>What makes each genre's kit its own: funk's tight hats, synthwave's gated snare, cinematic swells, jazz brushes.</summary>
public sealed class GenreDrumTests
{
    private const int Rate = 44100;
    private const int Hat = 42, OpenHat = 46, Snare = 38, Crash = 49, Ride = 51;

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void FunkSixteenthHatsLeaveGapsAndLeanOnTheBeat(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("funk", 90, seed));
        var hats = Drums(score).Where(n => n.Pitch == Hat).ToList();
        var bar = score.Meter.QuarterBeatsPerBar;

        foreach (var section in score.Sections.Where(s => s.LengthBeats >= 2 * bar))
        {
            var steps = hats.Where(n => n.Start >= section.StartBeat && n.Start < section.EndBeat)
                .Select(n => (int)Math.Round((n.Start - section.StartBeat) % bar * 4)).ToHashSet();
            if (steps.Count == 0)
            {
                continue;
            }

            // A hat on every sixteenth of every bar reads as one continuous band of noise.
            steps.Count.ShouldBeLessThan(15, section.Name);
        }

        // Position in the beat, in sixteenths (the drummer's timing drifts a few ms around the grid).
        double Mean(Func<long, bool> where) => hats.Where(n => where(((long)Math.Round(n.Start * 4) % 4 + 4) % 4)).Average(n => n.Velocity);
        var onBeat = Mean(q => q == 0);
        var and = Mean(q => q == 2);
        var sixteenths = Mean(q => q is 1 or 3);
        onBeat.ShouldBeGreaterThan(and + 10);
        and.ShouldBeGreaterThan(sixteenths + 15);
    }

    [Fact]
    public void FunkHatAndCrashAreShortSoSixteenthsAndCrashesStaySeparate()
    {
        var funk = DrumKitStyle.For(Genre.Funk);
        var hat = Render(DrumSound.ClosedHat, funk);

        // A sixteenth at 115 BPM (funk's fastest) is 130 ms: by 80 ms the stroke must be gone, not a floor for the next.
        Db(hat, 0.07, 0.09, 0.0, 0.01).ShouldBeLessThan(-25);
        Db(Render(DrumSound.ClosedHat, DrumKitStyle.For(Genre.Pop)), 0.07, 0.09, 0.0, 0.01).ShouldBeGreaterThan(-25);

        var crash = Render(DrumSound.Crash, funk);
        Db(crash, 0.6, 0.7, 0.0, 0.05).ShouldBeLessThan(-20);
        (crash.Length / (double)Rate).ShouldBeLessThanOrEqualTo(1.05);
    }

    [Fact]
    public void OpenHatsPlayTheHouseDropsOffBeatsWithNoClosedHatOnTop()
    {
        var score = Composer.Compose(PromptParser.Parse("house", 240, 4));
        var drop = score.Sections.Where(s => s.Name == "Drop").MaxBy(s => s.LengthBeats)!;
        var drums = Drums(score).Where(n => n.Start >= drop.StartBeat && n.Start < drop.EndBeat - score.Meter.QuarterBeatsPerBar).ToList();
        var offBeats = drums.Where(n => Math.Abs((((n.Start % 1) + 1) % 1) - 0.5) < 0.01).ToList();

        var beats = (int)((drop.LengthBeats - score.Meter.QuarterBeatsPerBar) / 1);
        offBeats.Count(n => n.Pitch == OpenHat).ShouldBeGreaterThanOrEqualTo(beats - 8);
        var open = offBeats.Where(n => n.Pitch == OpenHat).Select(n => n.Start).ToHashSet();
        drums.Where(n => n.Pitch == Hat && open.Contains(n.Start)).ShouldBeEmpty("a closed hat under the open one chokes or masks it");
    }

    [Fact]
    public void SynthwaveSnareIsABigTailCutByAGate()
    {
        var style = DrumKitStyle.For(Genre.Synthwave);
        style.GateSeconds.ShouldBeInRange(0.15f, 0.25f);
        var snare = Render(DrumSound.Snare, style);
        var gate = style.GateSeconds;

        // Held: the room tail just before the gate is within a few dB of where it was 100 ms earlier...
        var held = Db(snare, gate - 0.04, gate - 0.01, gate - 0.14, gate - 0.11);
        held.ShouldBeGreaterThan(-6);
        // ...and big: not far under the strike.
        Db(snare, gate - 0.04, gate - 0.01, 0.0, 0.02).ShouldBeGreaterThan(-16);
        // Then it stops dead: 40 dB down within 30 ms of the gate.
        Db(snare, gate + 0.02, gate + 0.03, gate - 0.03, gate - 0.01).ShouldBeLessThan(-40);

        // A dry snare (pop's) has no such edge: it fades over the same stretch.
        var dry = Render(DrumSound.Snare, DrumKitStyle.For(Genre.Pop));
        Db(dry, gate + 0.02, gate + 0.03, gate - 0.03, gate - 0.01).ShouldBeGreaterThan(-10);
    }

    [Fact]
    public void TechnoKickCarriesARumbleThatSwellsBetweenTheBeatsAndClosesOnTheNext()
    {
        var style = DrumKitStyle.For(Genre.Techno, new Key(5, Mode.Minor)).AtTempo(130);
        style.RumbleSeconds.ShouldBe(60f / 130f, 1e-4f);
        DrumKitStyle.For(Genre.Techno).AtTempo(140).RumbleSeconds.ShouldBe(60f / 140f, 1e-4f);
        DrumKitStyle.For(Genre.House).AtTempo(124).RumbleSeconds.ShouldBe(0f);

        var kick = Render(DrumSound.Kick, style, 36);
        var dry = Render(DrumSound.Kick, style with { RumbleSeconds = 0f }, 36);
        var rumble = kick.Zip(dry, (k, d) => k - d).ToArray();
        static float[] AboveTheKicksNote(float[] x)
        {
            var (first, second) = (default(Svf), default(Svf));
            first.Set(70f, 0.7f, Rate);
            second.Set(70f, 0.7f, Rate);
            return [.. x.Select(v => second.HighPass(first.HighPass(v)))];
        }

        // Over the low mids the rumble fills the beat after the hit, above the kick's own ring there...
        var beat = style.RumbleSeconds;
        Db(AboveTheKicksNote(rumble), 0.15, 0.75 * beat, 0.15, 0.75 * beat, AboveTheKicksNote(dry)).ShouldBeGreaterThan(3);
        // ...ducked under the hit and swelling in after it...
        Db(rumble, 0.0, 0.015, 0.1, 0.2).ShouldBeLessThan(-12);
        // ...and gone as the next kick lands.
        Db(rumble, beat, beat + 0.05, 0.1, 0.2).ShouldBeLessThan(-60);
    }

    [Fact]
    public void TechnoTakesItsRumbleOutForTheTwoBarsBeforeADrop()
    {
        for (var seed = 1UL; seed <= 3; seed++)
        {
            var score = Composer.Compose(PromptParser.Parse("techno", 240, seed));
            var kicks = score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes.Where(n => n.Pitch is 35 or 36).ToList();
            var bar = score.Meter.QuarterBeatsPerBar;
            var drops = score.Sections.Where((s, i) => i > 0 && s.Name == "Peak" && score.Sections[i - 1].Name != "Peak").ToList();
            drops.ShouldNotBeEmpty();
            bool BeforeADrop(Note n) => drops.Any(d => n.Start >= d.StartBeat - (2 * bar) - 0.05 && n.Start < d.StartBeat - 0.05);
            kicks.Where(BeforeADrop).ShouldNotBeEmpty();
            kicks.Where(BeforeADrop).Select(n => n.Pitch).Distinct().ShouldBe([35]);
            kicks.Where(n => !BeforeADrop(n)).Select(n => n.Pitch).Distinct().ShouldBe([36]);
        }

        // The dry kick is the kick without its rumble: the same hit, nothing swelling after it.
        var factory = new VoiceFactory(Genre.Techno, new Key(5, Mode.Minor), 130);
        float[] Play(int pitch)
        {
            var samples = new float[Rate / 2];
            factory.Create(Instrument.DrumKit, new NoteContext(pitch, 1f, 0.6f, Rate, 7, 0.25f))!.Render(samples);
            return samples;
        }

        var (full, dry) = (Play(36), Play(35));
        Db(dry, 0.0, 0.02, 0.0, 0.02, full).ShouldBeInRange(-0.5, 0.5);
        var rumble = full.Zip(dry, (a, b) => a - b).ToArray();
        Db(rumble, 0.15, 0.3, 0.0, 0.02, full).ShouldBeGreaterThan(-25);
    }

    [Theory]
    [InlineData(41)]
    [InlineData(50)]
    public void SynthwaveTomsGoThroughTheSameGatedRoom(int pitch)
    {
        var style = DrumKitStyle.For(Genre.Synthwave);
        var tom = Render(DrumSound.Tom, style, pitch);
        var dry = Render(DrumSound.Tom, DrumKitStyle.For(Genre.Pop), pitch);
        var gate = style.GateSeconds;

        // Big up to the gate: the stroke holds within 10 dB of its strike, and the room's band of noise rings over the
        // drum's low note (its first difference, a rough high-pass, is far stronger against the whole than a dry tom's).
        Db(tom, gate - 0.04, gate - 0.01, 0.0, 0.02).ShouldBeGreaterThan(-10);
        static double Brightness(float[] x, double from, double to)
        {
            var difference = x.Skip((int)(from * Rate)).Take((int)((to - from) * Rate)).Zip(x.Skip((int)(from * Rate) + 1), (a, b) => b - a).ToArray();
            return Rms(difference, 0, to - from) / Rms(x, from, to);
        }

        Brightness(tom, gate - 0.1, gate - 0.01).ShouldBeGreaterThan(2 * Brightness(dry, gate - 0.1, gate - 0.01));

        // Then it stops dead, where the dry tom still rings.
        Db(tom, gate + 0.02, gate + 0.03, gate - 0.03, gate - 0.01).ShouldBeLessThan(-40);
        Db(dry, gate + 0.02, gate + 0.03, gate - 0.03, gate - 0.01).ShouldBeGreaterThan(-10);
    }

    [Fact]
    public void SynthwaveClapGoesThroughTheGateToo()
    {
        var style = DrumKitStyle.For(Genre.Synthwave);
        var clap = Render(DrumSound.Clap, style, 39);
        var dry = Render(DrumSound.Clap, DrumKitStyle.For(Genre.Pop), 39);
        var gate = style.GateSeconds;

        // Held up to the gate (a dry clap has fallen some 10 dB by then), then stopped dead.
        Db(clap, gate - 0.04, gate - 0.01, 0.03, 0.05).ShouldBeGreaterThan(-5);
        Db(dry, gate - 0.04, gate - 0.01, 0.03, 0.05).ShouldBeLessThan(-8);
        Db(clap, gate + 0.02, gate + 0.03, gate - 0.03, gate - 0.01).ShouldBeLessThan(-40);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void SynthwaveFinalChorusDoublesTheSnareWithAClap(ulong seed)
    {
        // Only the loudest section claps, and every clap lands with a snare.
        var score = Composer.Compose(PromptParser.Parse("synthwave", 180, seed));
        var drums = Drums(score);
        var claps = drums.Where(n => n.Pitch == 39).ToList();
        claps.Count.ShouldBeGreaterThan(8);
        var loudest = score.Sections.Max(s => s.Energy);
        foreach (var clap in claps)
        {
            score.Sections.Single(s => clap.Start >= s.StartBeat - 0.1 && clap.Start < s.StartBeat + s.LengthBeats - 0.1).Energy.ShouldBe(loudest);
            drums.ShouldContain(n => n.Pitch == 38 && Math.Abs(n.Start - clap.Start) < 0.1, $"clap at {clap.Start}");
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void SynthwaveFinalChorusDoublesTheLeadAnOctaveUp(ulong seed)
    {
        // Every lead note of the loudest chorus has a softer partner an octave above, struck with it; the choruses
        // before it play the hook single.
        var score = Composer.Compose(PromptParser.Parse("synthwave", 180, seed));
        var lead = score.Parts.Single(p => p.Stem == StemGroup.Melody).Notes;
        var choruses = score.Sections.Where(s => s.Name.Contains("Chorus")).OrderBy(s => s.StartBeat).ToList();
        choruses.Count.ShouldBeGreaterThan(1);
        List<Note> In(Section s) => [.. lead.Where(n => n.Start >= s.StartBeat - 0.05 && n.Start < s.EndBeat - 0.05)];
        bool Doubled(Note n, List<Note> notes) => notes.Any(o => o.Pitch == n.Pitch + 12 && Math.Abs(o.Start - n.Start) < 0.01 && o.Velocity < n.Velocity);

        var final = In(choruses[^1]);
        var lower = final.Where(n => !final.Any(o => o.Pitch == n.Pitch - 12 && Math.Abs(o.Start - n.Start) < 0.01)).ToList();
        lower.Count.ShouldBeGreaterThan(8);
        lower.Count(n => n.Pitch + 12 <= 96 && !Doubled(n, final)).ShouldBe(0);
        foreach (var chorus in choruses.SkipLast(1))
        {
            var notes = In(chorus);
            notes.Count(n => Doubled(n, notes)).ShouldBe(0, chorus.Name);
        }
    }

    [Fact]
    public void SynthwaveFillsRunDownTheToms()
    {
        // Every fill before a section that jumps in energy: the toms step down from high to floor, none back up.
        var fills = 0;
        foreach (var seed in new[] { 1UL, 2UL, 3UL })
        {
            var score = Composer.Compose(PromptParser.Parse("synthwave", 180, seed));
            var toms = Drums(score).Where(n => n.Pitch is 41 or 43 or 45 or 47 or 48 or 50).OrderBy(n => n.Start).ToList();
            foreach (var run in toms.GroupBy(n => (int)Math.Floor((n.Start + 0.1) / score.Meter.QuarterBeatsPerBar)))
            {
                fills++;
                var pitches = run.Select(n => n.Pitch).ToList();
                pitches.Zip(pitches.Skip(1), (a, b) => b <= a).ShouldAllBe(down => down, string.Join(" ", pitches));
                pitches[^1].ShouldBe(41, string.Join(" ", pitches));
            }
        }

        fills.ShouldBeGreaterThan(3);
    }

    [Theory]
    [InlineData(84.0)]
    [InlineData(100.0)]
    [InlineData(116.0)]
    public void SynthwaveGateIsTimedToTheTempo(double bpm)
    {
        // The song's snare, through the song's voice factory: the gate shuts a dotted sixteenth after the strike.
        var voice = new VoiceFactory(Genre.Synthwave, new Key(9, Mode.Minor), bpm).Create(Instrument.DrumKit, new NoteContext(Snare, 1f, 0.6f, Rate, 7, 0.25f))!;
        var snare = new float[Rate];
        voice.Render(snare);

        // Where the tail, held near its level, first falls 20 dB under it: within the gate's release, just after it shuts.
        var shut = 0.375 * 60 / bpm;
        var gone = Enumerable.Range(100, 500).Select(ms => ms / 1000.0).First(t => Db(snare, t, t + 0.005, 0.06, 0.09) < -20);
        gone.ShouldBeInRange(shut, shut + 0.02);
    }

    [Fact]
    public void CymbalSwellGrowsIntoItsEndAndStopsThere()
    {
        var seconds = 2.5f;
        var voice = new NoiseRiserVoice(new NoteContext(RiserWriter.CymbalSwellPitch, 1f, 0.8f, Rate, 9, seconds));
        var samples = new float[(int)((seconds + 0.5f) * Rate)];
        voice.Render(samples);

        var end = seconds;
        Db(samples, end - 0.1, end - 0.01, end - 2.0, end - 1.8).ShouldBeGreaterThan(12);
        Db(samples, end - 0.1, end - 0.01, end - 0.6, end - 0.5).ShouldBeGreaterThan(3);
        Rms(samples, end + 0.01, end + 0.4).ShouldBe(0);
        // Bright like a cymbal: most of its energy above 3 kHz (a noise riser's sweep starts at 300 Hz).
        var bright = HighPass(samples, 3000f);
        (Rms(bright, end - 0.5, end) / Rms(samples, end - 0.5, end)).ShouldBeGreaterThan(0.8);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(5UL)]
    public void CinematicSwellsACymbalIntoEveryRiseAndLandsOnTheDownbeat(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("cinematic", 180, seed));
        var swells = score.Parts.Single(p => p.Instrument == Instrument.NoiseRiser).Notes;
        swells.ShouldNotBeEmpty();
        swells.ShouldAllBe(n => n.Pitch == RiserWriter.CymbalSwellPitch);
        var rises = score.Sections.Zip(score.Sections.Skip(1)).Where(p => p.Second.Energy - p.First.Energy >= 0.1).Select(p => p.Second.StartBeat).ToList();
        // Within the drummer's few milliseconds of drift.
        swells.Select(n => n.Start + n.Duration).OrderBy(b => b).ShouldBe(rises.OrderBy(b => b), tolerance: 0.02);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(5UL)]
    public void CinematicLowDrumsAreTimpaniOnTonicAndDominantAndTheBuildsRollOnThem(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("epic cinematic in D minor", 180, seed));
        var drums = Drums(score);
        var bar = score.Meter.QuarterBeatsPerBar;
        drums.ShouldContain(n => n.Pitch == DrumWriter.TimpaniTonic);
        drums.ShouldContain(n => n.Pitch == DrumWriter.TimpaniDominant);
        drums.ShouldNotContain(n => n.Pitch == 45, "the low tom's hits are the timpani's");
        // A downbeat's low drum is the tonic.
        drums.Where(n => n.Pitch is DrumWriter.TimpaniTonic or DrumWriter.TimpaniDominant && Math.Abs(n.Start / bar - Math.Round(n.Start / bar)) < 0.01)
            .Count(n => n.Pitch == DrumWriter.TimpaniTonic).ShouldBeGreaterThan(0);

        var builds = score.Sections.Zip(score.Sections.Skip(1)).Where(p => p.Second.Energy - p.First.Energy >= 0.3).Select(p => p.First).ToList();
        builds.ShouldNotBeEmpty();
        foreach (var build in builds)
        {
            // The roll: fast single strokes on the dominant over the build's last bar, swelling.
            var roll = drums.Where(n => n.Pitch == DrumWriter.TimpaniDominant && n.Start >= build.EndBeat - bar - 0.05 && n.Start < build.EndBeat - 0.05)
                .OrderBy(n => n.Start).ToList();
            roll.Count.ShouldBeGreaterThanOrEqualTo((int)(bar * 7));
            var quarter = roll.Count / 4;
            roll.Take(quarter).Average(n => n.Velocity).ShouldBeLessThan(roll.TakeLast(quarter).Average(n => n.Velocity) - 30);
            // Not a machine's grid: equal gaps would make the ringing strokes beat against each other.
            var gaps = roll.Zip(roll.Skip(1), (a, b) => Math.Round((b.Start - a.Start) * 480)).Distinct().Count();
            gaps.ShouldBeGreaterThan(3);
        }

        // The timpani stay in the drum part on channel 10, so the file reads back to the score's notes.
        var track = SmfReader.Read(MusicGen.Engine.Midi.MidiWriter.Write(score)).Tracks[1 + score.Parts.ToList().FindIndex(p => p.Instrument == Instrument.DrumKit)];
        track.Notes.ShouldAllBe(n => n.Channel == 9);
        track.Notes.Count(n => n.Pitch is DrumWriter.TimpaniTonic or DrumWriter.TimpaniDominant)
            .ShouldBe(drums.Count(n => n.Pitch is DrumWriter.TimpaniTonic or DrumWriter.TimpaniDominant));
    }

    [Fact]
    public void TimpaniRingLongOnTheTonicAndDominantWithAPitchThatSettles()
    {
        var kit = DrumKitStyle.For(Genre.Cinematic, new Key(2, Mode.Minor));
        var tonic = Render(DrumSound.Tom, kit, DrumWriter.TimpaniTonic);
        var dominant = Render(DrumSound.Tom, kit, DrumWriter.TimpaniDominant);

        // D minor: the tonic drum on D2, the dominant a fourth below on A1.
        Pitch(tonic, 0.4, 1.2, 60, 90).ShouldBe(73.42, 0.5);
        Pitch(dominant, 0.4, 1.2, 45, 68).ShouldBe(55.0, 0.5);
        // Struck, the head is sharp and relaxes onto the note.
        Pitch(tonic, 0.0, 0.1, 60, 90).ShouldBeGreaterThan(Pitch(tonic, 0.5, 0.6, 60, 90) + 0.6);

        // It rings on for more than a second, where a tom's thud has gone.
        Db(tonic, 1.0, 1.2, 0.0, 0.1).ShouldBeGreaterThan(-20);
        var tom = Render(DrumSound.Tom, kit, 45);
        Db(tom, 1.0, 1.2, 0.0, 0.1).ShouldBeLessThan(-60);
        // Warm: the tone, not the mallet, carries the stroke.
        (Rms(HighPass(tonic, 1000f), 0.0, 0.1) / Rms(tonic, 0.0, 0.1)).ShouldBeLessThan(0.1);
        DrumVoice.SoundFor(DrumWriter.TimpaniTonic).ShouldBe(DrumSound.Tom);
    }

    [Fact]
    public void AfterAKeyLiftThePitchedDrumsMoveWithTheKey()
    {
        // D major lifted a step to E major (a film score's final climax).
        var factory = new VoiceFactory(Genre.Cinematic, new Key(2, Mode.Major));
        float[] Hit(int pitch, int? keyTonic)
        {
            var voice = factory.Create(Instrument.DrumKit, new NoteContext(pitch, 1f, 0.6f, Rate, 7, 0.25f) { KeyTonic = keyTonic })!;
            var samples = new float[(int)(2.5 * Rate)];
            voice.Render(samples);
            return samples;
        }

        // Home: the tonic drum on D2, the dominant on A1. Lifted: E2 and B1, where a D would clash with E major's D sharp.
        Pitch(Hit(DrumWriter.TimpaniTonic, null), 0.4, 1.2, 60, 95).ShouldBe(73.42, 0.5);
        Pitch(Hit(DrumWriter.TimpaniTonic, 4), 0.4, 1.2, 60, 95).ShouldBe(82.41, 0.5);
        Pitch(Hit(DrumWriter.TimpaniDominant, 4), 0.4, 1.2, 45, 70).ShouldBe(61.74, 0.5);

        // The kick's tail moves up the same whole step (its pitch sweep lands on D1, then on E1); the hats have no pitch to move.
        (Pitch(Hit(36, 4), 0.3, 0.9, 30, 55) / Pitch(Hit(36, null), 0.3, 0.9, 30, 55)).ShouldBe(Math.Pow(2, 2 / 12.0), 0.015);
        Hit(42, 4).ShouldBe(Hit(42, null));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(11UL)]
    public void DrumAndBassEditsItsBreakPerPhraseAndKeepsTheBackbeat(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("drum and bass 174 bpm", 120, seed));
        var drums = Drums(score);
        var bar = score.Meter.QuarterBeatsPerBar;
        const int Kick = 36, Accent = 75;
        int StepOf(Note n) => (int)Math.Round((n.Start % bar) * 4) % 16;
        List<Note> BarAt(double start) => drums.Where(n => n.Start >= start - 0.05 && n.Start < start + bar - 0.05).ToList();
        string Pattern(IEnumerable<Note> notes) => string.Join(",", notes.Select(StepOf).Distinct().Order());

        var drops = score.Sections.Where(s => s.Energy >= 0.75 && s.LengthBeats >= 8 * bar).ToList();
        drops.ShouldNotBeEmpty();
        foreach (var drop in drops)
        {
            var bars = Enumerable.Range(0, (int)(drop.LengthBeats / bar) - 1).Select(i => BarAt(drop.StartBeat + (i * bar))).ToList();
            foreach (var notes in bars)
            {
                var accents = notes.Where(n => n.Pitch == Snare && n.Velocity >= Accent).Select(StepOf).ToList();
                accents.ShouldContain(4, "the backbeat on 2");
                accents.ShouldContain(12, "the backbeat on 4");
            }

            bars.Any(b => b.Any(n => n.Pitch == Snare && n.Velocity >= Accent && StepOf(n) is not (4 or 12))).ShouldBeTrue("a displaced snare");
            bars.Select(b => Pattern(b.Where(n => n.Pitch == Snare && n.Velocity < Accent))).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2, "ghost notes move");
            bars.Select(b => Pattern(b.Where(n => n.Pitch == Kick))).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3, "kicks vary");
        }

        // Before a section change that is not a build (no fill there), the bar is chopped up: a beat without hats
        // and the last backbeat stuttered.
        var chopped = score.Sections.Zip(score.Sections.Skip(1)).Where(p => p.Second.Energy - p.First.Energy < 0.12 && p.First.Energy >= 0.75).ToList();
        chopped.ShouldNotBeEmpty();
        foreach (var (section, _) in chopped)
        {
            var notes = BarAt(section.EndBeat - bar);
            notes.Count(n => n.Pitch == Snare && StepOf(n) >= 12).ShouldBeGreaterThanOrEqualTo(3);
            Enumerable.Range(0, 4).Any(beat => !notes.Any(n => n.Pitch == Hat && StepOf(n) / 4 == beat)).ShouldBeTrue("a beat cut out of the hats");
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(11UL)]
    public void TrapHatsRollInTripletsWithVelocityRampsThatChangeFromBarToBar(ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse("trap 140 bpm", 120, seed));
        var bar = score.Meter.QuarterBeatsPerBar;
        // The hats as written: the kit's eighth-note swing undone (the timing drift is slow, so neighbouring strokes
        // keep their spacing).
        var swing = GenreTemplates.For(Genre.HipHop).Swing;
        double Straight(double beat)
        {
            var (cell, position) = (Math.Floor(beat), beat - Math.Floor(beat));
            return cell + (position <= swing ? position * 0.5 / swing : 0.5 + ((position - swing) * 0.5 / (1 - swing)));
        }

        var hats = Drums(score).Where(n => n.Pitch == Hat)
            .Select(n => n with { Start = Straight(n.Start), Duration = Straight(n.Start + n.Duration) - Straight(n.Start) })
            .OrderBy(n => n.Start).ToList();
        bool Near(double gap, double grid) => Math.Abs(gap - grid) < 0.01;
        // A roll's strokes are shorter than a sixteenth; consecutive ones of one length make one roll.
        var runs = new List<List<Note>>();
        for (var i = 1; i < hats.Count; i++)
        {
            var (previous, current) = (hats[i - 1], hats[i]);
            if (current.Duration < 0.22 && Math.Abs(current.Duration - previous.Duration) < 0.005 && current.Start - previous.Start < 0.22)
            {
                // Two rolls back to back: the second starts where the ramp turns.
                var turns = runs.Count > 0 && runs[^1].Count >= 2 && runs[^1][^1] == previous
                    && Math.Sign(current.Velocity - previous.Velocity) != Math.Sign(runs[^1][1].Velocity - runs[^1][0].Velocity);
                if (runs.Count == 0 || runs[^1][^1] != previous || turns)
                {
                    runs.Add([previous]);
                }

                runs[^1].Add(current);
            }
        }

        double GapOf(List<Note> run) => (run[^1].Start - run[0].Start) / (run.Count - 1);
        // Sixteenth triplets (six to the beat), thirty-second triplets (twelve) and thirty-seconds (eight).
        runs.Count(r => Near(GapOf(r), 1.0 / 6)).ShouldBeGreaterThan(0, "sixteenth triplets");
        runs.Count(r => Near(GapOf(r), 1.0 / 12)).ShouldBeGreaterThan(0, "thirty-second triplets");
        runs.Count(r => Near(GapOf(r), 1.0 / 8)).ShouldBeGreaterThan(0, "thirty-seconds");
        // Rolls ramp: a roll's last stroke is well above (or below) its first.
        foreach (var run in runs.Where(r => r.Count >= 4))
        {
            Math.Abs(run[^1].Velocity - run[0].Velocity).ShouldBeGreaterThanOrEqualTo(15);
        }

        // Bar by bar, the rolls are not one pattern repeated.
        var perBar = runs.GroupBy(r => Math.Floor((r[0].Start + 0.05) / bar))
            .Select(g => string.Join(";", g.Select(r => $"{Math.Round((r[0].Start % bar) * 4)}x{r.Count}")))
            .ToList();
        perBar.Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void TrapHatRollsClimbOrFallInPitch(ulong seed)
    {
        // Six-stroke rolls step a semitone a stroke, up as they swell and down as they die away.
        var score = Composer.Compose(PromptParser.Parse("trap 140 bpm", 120, seed));
        var tuned = Drums(score).Where(n => n.Pitch == Hat && n.HatTune != 0).OrderBy(n => n.Start).ToList();
        tuned.Count.ShouldBeGreaterThan(10);
        tuned.ShouldAllBe(n => Math.Abs(n.HatTune) <= 5);
        // A roll is a run of tuned strokes closer than a sixteenth: its pitch steps one way, the way its velocity goes.
        var rolls = new List<List<Note>>();
        foreach (var note in tuned)
        {
            if (rolls.Count == 0 || note.Start - rolls[^1][^1].Start > 0.2)
            {
                rolls.Add([]);
            }

            rolls[^1].Add(note);
        }

        foreach (var roll in rolls.Where(r => r.Count >= 3))
        {
            var steps = roll.Zip(roll.Skip(1), (a, b) => b.HatTune - a.HatTune).ToList();
            steps.Distinct().ShouldHaveSingleItem().ShouldBeOneOf(1, -1);
            Math.Sign(roll[^1].Velocity - roll[0].Velocity).ShouldBe(steps[0]);
        }

        // And the kit plays them at that pitch: five semitones up, more of the hat lies above 8 kHz; five down, less.
        var factory = new VoiceFactory(Genre.HipHop, new Key(0, Mode.Minor), 140);
        double Brightness(int tune)
        {
            var samples = new float[Rate / 4];
            factory.Create(Instrument.DrumKit, new NoteContext(Hat, 1f, 0.6f, Rate, 3, 0.1f) { HatTune = tune })!.Render(samples);
            return Rms(HighPass(samples, 8000f), 0, 0.25) / Rms(samples, 0, 0.25);
        }

        (Brightness(5) / Brightness(0)).ShouldBeGreaterThan(1.1);
        (Brightness(-5) / Brightness(0)).ShouldBeLessThan(0.95);
    }

    [Fact]
    public void JazzBalladPlaysBrushesAndTheSoloTakesSticks()
    {
        var ballad = Composer.Compose(PromptParser.Parse("calm jazz 70 bpm", 120, 3));
        var drums = Drums(ballad);
        var quiet = ballad.Sections.Where(s => s.Energy < 0.6).ToList();
        quiet.ShouldNotBeEmpty();
        foreach (var section in quiet)
        {
            // The section's last bar may hold a fill, and the song's last bar ends on the ride.
            var end = Math.Min(section.EndBeat - ballad.Meter.QuarterBeatsPerBar, drums.Max(n => n.Start)) - 0.1;
            var inSection = drums.Where(n => n.Start >= section.StartBeat && n.Start < end).ToList();
            inSection.Count(n => n.Pitch == DrumWriter.BrushSwirl).ShouldBeGreaterThan(0, section.Name);
            inSection.Count(n => n.Pitch == DrumWriter.BrushTap).ShouldBeGreaterThan(0, section.Name);
            inSection.Where(n => n.Pitch is Ride or Snare).ShouldBeEmpty(section.Name);
        }

        var swing = Composer.Compose(PromptParser.Parse("jazz 140 bpm", 120, 3));
        var loud = swing.Sections.Where(s => s.Energy >= 0.75).ToList();
        loud.ShouldNotBeEmpty();
        var solo = Drums(swing).Where(n => loud.Any(s => n.Start >= s.StartBeat && n.Start < s.EndBeat)).ToList();
        solo.ShouldContain(n => n.Pitch == Ride);
        solo.ShouldNotContain(n => n.Pitch == DrumWriter.BrushSwirl || n.Pitch == DrumWriter.BrushTap);
    }

    [Theory]
    [InlineData("calm jazz 70 bpm", 30, 11UL)]
    [InlineData("jazz ballad 70 bpm", 30, 3UL)]
    [InlineData("jazz 140 bpm", 120, 3UL)]
    public void JazzFillsInBrushSectionsStayOnBrushesAndSwell(string prompt, int seconds, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, seed));
        var drums = Drums(score);
        var bar = score.Meter.QuarterBeatsPerBar;
        bool Brushes(double energy) => energy < 0.6 || (score.Bpm <= 90 && energy < 0.75);
        var filled = score.Sections.Zip(score.Sections.Skip(1))
            .Where(p => p.Second.Energy - p.First.Energy >= 0.12 && Brushes(p.First.Energy)).Select(p => p.First).ToList();
        filled.ShouldNotBeEmpty();
        foreach (var section in filled)
        {
            // The fill bar, give or take the drummer's few milliseconds of drift.
            var fill = drums.Where(n => n.Start >= section.EndBeat - bar - 0.05 && n.Start < section.EndBeat - 0.05).ToList();
            fill.ShouldNotContain(n => n.Pitch == Snare || n.Pitch == Crash, "no sticks in a brush fill");
            fill.Where(n => n.Pitch is 45 or 48 or 50).ShouldAllBe(n => n.Velocity <= 85, "brushed toms are soft");

            // The swirl goes on to the bar's last beat and swells into the next section.
            var swirls = fill.Where(n => n.Pitch == DrumWriter.BrushSwirl).OrderBy(n => n.Start).ToList();
            swirls.ShouldNotBeEmpty();
            swirls[^1].Start.ShouldBeGreaterThan(section.EndBeat - 1.1);
            swirls[^1].Velocity.ShouldBeGreaterThan(swirls[0].Velocity + 10);

            // Taps and the closing slap on the snare, with the brush.
            var lastBeat = fill.Where(n => n.Start >= section.EndBeat - 1.1).ToList();
            lastBeat.ShouldContain(n => n.Pitch == DrumWriter.BrushTap && n.Velocity >= 75);
        }
    }

    [Fact]
    public void BrushesSoundSofterAndSlowerThanSticks()
    {
        var jazz = DrumKitStyle.For(Genre.Jazz);
        DrumVoice.SoundFor(DrumWriter.BrushSwirl).ShouldBe(DrumSound.BrushSwirl);
        DrumVoice.SoundFor(DrumWriter.BrushTap).ShouldBe(DrumSound.BrushTap);
        var swirl = Render(DrumSound.BrushSwirl, jazz);
        var tap = Render(DrumSound.BrushTap, jazz);
        var stick = Render(DrumSound.Snare, jazz);

        // The swirl swells: its loudest stretch is in its middle, not at the attack.
        Db(swirl, 0.2, 0.3, 0.0, 0.03).ShouldBeGreaterThan(10);
        // The tap is a soft splash: a fraction of the stick's strike and with no drum body ringing after it.
        Db(tap, 0.0, 0.02, 0.0, 0.02, stick).ShouldBeLessThan(-6);
        Db(tap, 0.1, 0.15, 0.0, 0.02).ShouldBeLessThan(-20);
        Db(stick, 0.1, 0.15, 0.0, 0.02).ShouldBeGreaterThan(-20);
    }

    [Theory]
    [InlineData("lofi hip hop", 1UL)]
    [InlineData("trap 140 bpm", 2UL)]
    public void LofiAndTrapCloseOnASoftShortCrash(string prompt, ulong seed)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, 60, seed));
        var closing = Drums(score).Where(n => n.Pitch == Crash).MaxBy(n => n.Start)!;
        closing.Velocity.ShouldBeLessThanOrEqualTo(80);

        var crash = Render(DrumSound.Crash, DrumKitStyle.For(score.Genre));
        (crash.Length / (double)Rate).ShouldBeLessThanOrEqualTo(2.0);
        Db(crash, 1.0, 1.1, 0.0, 0.05).ShouldBeLessThan(-20);
    }

    [Theory]
    [InlineData("synthwave")]
    [InlineData("calm jazz 70 bpm")]
    [InlineData("cinematic")]
    public void NewDrumSoundsRenderBitIdenticallyForTheSameSeed(string prompt)
    {
        var format = OutputFormat.Parse("pcm_44100");
        string Take() => Convert.ToHexString(SHA256.HashData(
            TrackRenderer.Render(Composer.Compose(PromptParser.Parse(prompt, 12, 8)), format, stems: false, cancellationToken: TestContext.Current.CancellationToken).Audio));
        Take().ShouldBe(Take());
    }

    private static IReadOnlyList<Note> Drums(Score score) => score.Parts.Single(p => p.Instrument == Instrument.DrumKit).Notes;

    private static float[] Render(DrumSound sound, DrumKitStyle style, int pitch = 38)
    {
        var voice = new DrumVoice(sound, style, new NoteContext(pitch, 1f, 0.6f, Rate, 7, 0.25f));
        var samples = new float[(int)MathF.Ceiling(voice.LengthSeconds * Rate)];
        voice.Render(samples);
        return samples;
    }

    /// <summary>Level of [from, to) against [refFrom, refTo) (of <paramref name="reference"/>, or the same samples), dB.</summary>
    private static double Db(float[] samples, double from, double to, double refFrom, double refTo, float[]? reference = null) =>
        20 * Math.Log10((Rms(samples, from, to) + 1e-12) / Rms(reference ?? samples, refFrom, refTo));

    private static double Rms(float[] samples, double from, double to)
    {
        var a = (int)(from * Rate);
        var b = Math.Min(samples.Length, (int)(to * Rate));
        if (b <= a)
        {
            return 0;
        }

        double sum = 0;
        for (var i = a; i < b; i++)
        {
            sum += samples[i] * samples[i];
        }

        return Math.Sqrt(sum / (b - a));
    }

    /// <summary>The frequency in [low, high] Hz with the most energy in [from, to) s (a Goertzel scan in 0.05 Hz steps).</summary>
    private static double Pitch(float[] samples, double from, double to, double low, double high)
    {
        var a = (int)(from * Rate);
        var b = Math.Min(samples.Length, (int)(to * Rate));
        var windowed = new double[b - a];
        for (var i = 0; i < windowed.Length; i++)
        {
            // A Hann window, so the neighbouring modes' side lobes do not pull the peak.
            windowed[i] = samples[a + i] * (0.5 - (0.5 * Math.Cos(2 * Math.PI * i / windowed.Length)));
        }

        var (best, bestPower) = (low, 0.0);
        for (var hz = low; hz <= high; hz += 0.05)
        {
            var coefficient = 2 * Math.Cos(2 * Math.PI * hz / Rate);
            double s1 = 0, s2 = 0;
            foreach (var x in windowed)
            {
                (s1, s2) = (x + (coefficient * s1) - s2, s1);
            }

            var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
            if (power > bestPower)
            {
                (best, bestPower) = (hz, power);
            }
        }

        return best;
    }

    private static float[] HighPass(float[] samples, float hz)
    {
        var filter = new Svf();
        filter.Set(hz, 0.7f, Rate);
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = filter.HighPass(samples[i]);
        }

        return result;
    }
}
