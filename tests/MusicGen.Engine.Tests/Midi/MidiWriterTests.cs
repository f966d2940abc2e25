using MusicGen.Engine.Composition;
using MusicGen.Engine.Midi;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Midi;

public sealed class MidiWriterTests
{
    [Theory]
    [InlineData("dark techno 128 bpm in F minor", 45)]
    [InlineData("lofi hip hop in Eb major, 84 bpm", 60)]
    [InlineData("jazz ballad in Bb major", 40)]
    [InlineData("gentle waltz for solo piano in G major", 30)]
    [InlineData("folk ballad in 6/8 in D major", 20)]
    [InlineData("trap 140 bpm in C minor", 60)]
    public void WriteReadsBackToTheScoresNotes(string prompt, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, 7));

        var file = SmfReader.Read(MidiWriter.Write(score));

        file.Format.ShouldBe(1);
        file.Division.ShouldBe(480);
        file.Tracks.Count.ShouldBe(score.Parts.Count + 1);
        for (var i = 0; i < score.Parts.Count; i++)
        {
            var part = score.Parts[i];
            var track = file.Tracks[i + 1];
            track.Name.ShouldBe(part.Name);
            var expected = part.Notes
                .Select(n => (Tick: (long)Math.Round(n.Start * 480), n.Pitch, n.Velocity))
                .OrderBy(n => n.Tick).ThenBy(n => n.Pitch).ThenBy(n => n.Velocity)
                .ToList();
            var actual = track.Notes
                .Select(n => (n.Tick, n.Pitch, n.Velocity))
                .OrderBy(n => n.Tick).ThenBy(n => n.Pitch).ThenBy(n => n.Velocity)
                .ToList();
            actual.ShouldBe(expected, part.Name);
            var expectedLengths = part.Notes.Sum(n => Math.Max(1, Math.Round((n.Start + n.Duration) * 480) - Math.Round(n.Start * 480)));
            ((double)track.Notes.Sum(n => n.Length)).ShouldBe(expectedLengths, part.Notes.Count * 1.0, part.Name);
        }
    }

    [Theory]
    [InlineData("trap 140 bpm in C minor", 90)]
    [InlineData("acid techno 130 bpm", 150)]
    public void WriteGlidesAsPitchBendRampsFromThePreviousPitch(string prompt, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, 4));
        var index = score.Parts.ToList().FindIndex(p => p.Stem == StemGroup.Bass);
        var glides = score.Parts[index].Notes.Where(n => n.GlideFrom is not null).ToList();
        glides.ShouldNotBeEmpty();

        var track = SmfReader.Read(MidiWriter.Write(score)).Tracks[index + 1];

        // Bend range ±12 semitones (RPN 0, data entry 12).
        track.Controllers.Select(c => (c.Controller, c.Value)).ShouldContain((6, 12));
        foreach (var note in glides)
        {
            var tick = (long)Math.Round(note.Start * 480);
            var first = track.PitchBends.First(b => b.Tick == tick);
            var expected = Math.Clamp(8192 + ((note.GlideFrom!.Value - note.Pitch) * 8192.0 / 12), 0, 16383);
            ((double)first.Value).ShouldBe(expected, 1, $"glide at beat {note.Start}");
            track.PitchBends.Where(b => b.Tick > tick).MinBy(b => b.Tick).ShouldNotBe(default);
        }

        track.PitchBends.MaxBy(b => b.Tick).Value.ShouldBe(8192, "the bend returns to centre");
    }

    [Fact]
    public void WriteSwellsAsExpressionRampsOverTheNote()
    {
        var score = Composer.Compose(PromptParser.Parse("epic cinematic orchestral", 180, 1));
        var index = score.Parts.ToList().FindIndex(p => p.Stem == StemGroup.Melody);
        var swells = score.Parts[index].Notes.Where(n => n.Swell).ToList();
        swells.ShouldNotBeEmpty();

        var expression = SmfReader.Read(MidiWriter.Write(score)).Tracks[index + 1].Controllers.Where(c => c.Controller == 11).ToList();
        foreach (var note in swells)
        {
            var (on, off) = ((long)Math.Round(note.Start * 480), (long)Math.Round((note.Start + note.Duration) * 480));
            var ramp = expression.Where(c => c.Tick >= on && c.Tick <= off).ToList();
            ramp.Count.ShouldBe(17, $"swell at beat {note.Start}");
            ramp[0].Value.ShouldBe(0);
            ramp[^1].Value.ShouldBe(127);
            ramp.Zip(ramp.Skip(1)).ShouldAllBe(p => p.Second.Value >= p.First.Value);
            ramp[8].Value.ShouldBe(32, "a quarter of full halfway: the square of the time, as the voice plays it");
        }

        // A chord swelling together (the pad's) has one ramp, not one per note.
        var pad = score.Parts.ToList().FindIndex(p => p.Name == "Pad");
        var chord = score.Parts[pad].Notes.Where(n => n.Swell).GroupBy(n => n.Start).First();
        chord.Count().ShouldBeGreaterThan(1);
        var (start, end) = ((long)Math.Round(chord.Key * 480), (long)Math.Round((chord.Key + chord.First().Duration) * 480));
        SmfReader.Read(MidiWriter.Write(score)).Tracks[pad + 1].Controllers.Count(c => c.Controller == 11 && c.Tick >= start && c.Tick <= end).ShouldBe(17);
    }

    [Fact]
    public void WriteConductorTrackHasTempoTimeAndKeySignature()
    {
        var score = Composer.Compose(PromptParser.Parse("dark techno 128 bpm in F minor", 20, 1));

        var conductor = SmfReader.Read(MidiWriter.Write(score)).Tracks[0];

        var tempo = conductor.Metas.Single(m => m.Type == 0x51).Data;
        ((tempo[0] << 16) | (tempo[1] << 8) | tempo[2]).ShouldBe(468750);
        conductor.Metas.Single(m => m.Type == 0x58).Data.ShouldBe(new byte[] { 4, 2, 24, 8 });
        var key = conductor.Metas.Single(m => m.Type == 0x59).Data;
        ((sbyte)key[0]).ShouldBe((sbyte)-4);
        key[1].ShouldBe((byte)1);
        conductor.EndTick.ShouldBe((long)Math.Round(20 / score.SecondsPerBeat * 480));
    }

    [Theory]
    [InlineData("classical piano nocturne in E minor", 40)]
    [InlineData("epic cinematic trailer in D minor", 30)]
    public void WriteRitardandoAsTempoMapThatTimesEveryNoteAsTheScore(string prompt, double seconds)
    {
        var score = Composer.Compose(PromptParser.Parse(prompt, seconds, 3));

        var file = SmfReader.Read(MidiWriter.Write(score));

        score.TempoChanges.ShouldNotBeEmpty();
        score.TempoChanges[^1].Bpm.ShouldBeLessThan(score.Bpm * 0.8);
        var tempos = file.Tracks[0].Metas
            .Where(m => m.Type == 0x51)
            .Select(m => (m.Tick, MicrosecondsPerQuarter: (m.Data[0] << 16) | (m.Data[1] << 8) | m.Data[2]))
            .OrderBy(t => t.Tick)
            .ToList();
        tempos.Count.ShouldBe(score.TempoChanges.Count + 1);
        double SecondsAt(long tick)
        {
            var seconds = 0.0;
            for (var i = 0; i < tempos.Count && tempos[i].Tick < tick; i++)
            {
                var until = i + 1 < tempos.Count ? Math.Min(tick, tempos[i + 1].Tick) : tick;
                seconds += (until - tempos[i].Tick) * tempos[i].MicrosecondsPerQuarter / 480e6;
            }

            return seconds;
        }

        foreach (var (part, track) in score.Parts.Zip(file.Tracks.Skip(1)))
        {
            var starts = track.Notes.Select(n => n.Tick).Order().ToList();
            var expected = part.Notes.Select(n => score.BeatToSeconds(n.Start)).Order().ToList();
            starts.Select(SecondsAt).Zip(expected).ShouldAllBe(p => Math.Abs(p.First - p.Second) < 0.002, part.Name);
        }

        SecondsAt(file.Tracks[0].EndTick).ShouldBe(seconds, 0.002);
    }

    [Theory]
    [InlineData(0, Mode.Major, 0, 0)]
    [InlineData(7, Mode.Major, 1, 0)]
    [InlineData(9, Mode.Minor, 0, 1)]
    [InlineData(4, Mode.Minor, 1, 1)]
    [InlineData(3, Mode.Major, -3, 0)]
    [InlineData(6, Mode.Major, 6, 0)]
    [InlineData(2, Mode.Dorian, -1, 1)]
    [InlineData(5, Mode.Lydian, -1, 0)]
    public void KeySignatureCountsSharpsAndFlats(int tonic, Mode mode, int sharps, int minor)
    {
        var (actualSharps, actualMinor) = MidiWriter.KeySignature(new Key(tonic, mode));

        actualSharps.ShouldBe(sharps);
        actualMinor.ShouldBe(minor == 1);
    }

    [Fact]
    public void WriteDrumsUseChannelTenAndOtherPartsTheirGmProgram()
    {
        var score = Composer.Compose(PromptParser.Parse("house 124 bpm", 30, 2));

        var file = SmfReader.Read(MidiWriter.Write(score));

        for (var i = 0; i < score.Parts.Count; i++)
        {
            var part = score.Parts[i];
            var track = file.Tracks[i + 1];
            if (part.Instrument == Instrument.DrumKit)
            {
                track.Notes.ShouldAllBe(n => n.Channel == 9);
                track.Programs.ShouldBeEmpty();
            }
            else
            {
                track.Notes.ShouldAllBe(n => n.Channel != 9);
                track.Programs.Single().Program.ShouldBe(InstrumentInfo.GmProgram(part.Instrument));
            }
        }
    }

    [Fact]
    public void WriteLyricsAsLyricEvents()
    {
        var score = Composer.Compose(PromptParser.Parse("pop song in C major, lyrics: hold on / we are almost home", 40, 3));

        var conductor = SmfReader.Read(MidiWriter.Write(score)).Tracks[0];

        var lyrics = conductor.Metas.Where(m => m.Type == 0x05).ToList();
        lyrics.Select(l => l.Text).ShouldBe(["hold on", "we are almost home"]);
        lyrics.Select(l => l.Tick).ShouldBe(score.Lyrics.Select(l => (long)Math.Round(l.Beat * 480)));
    }

    [Fact]
    public void WriteInstrumentalHasNoLyricEvents()
    {
        var score = Composer.Compose(PromptParser.Parse("instrumental pop", 20, 3));

        SmfReader.Read(MidiWriter.Write(score)).Tracks[0].Metas.ShouldNotContain(m => m.Type == 0x05);
    }
}
