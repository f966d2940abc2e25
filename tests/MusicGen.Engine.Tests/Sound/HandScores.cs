using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Tests.Sound;

/// <summary>
/// Small hand-built scores per genre (drum grid, bass on chord roots, chord pad, lead on chord tones)
/// so the sound side can be tested without the composer.
/// </summary>
public static class HandScores
{
    private sealed record Style(double Bpm, string Kick, string Snare, string Hats, int SnareNote, int HatNote, Instrument Bass, Instrument Chords, Instrument Lead, bool Sidechain);

    private static readonly int[] MinorScale = [0, 2, 3, 5, 7, 8, 10];

    private static Style For(Genre genre) => genre switch
    {
        Genre.LofiHipHop => new(80, "x..x..x...x.....", "....x.......x...", "x.x.x.x.x.x.x.x.", 38, 42, Instrument.SubBass, Instrument.ElectricPiano, Instrument.CleanGuitar, false),
        Genre.HipHop => new(140, "x.........x..x..", "........x.......", "xxxxxxxxxxxxxxxx", 39, 42, Instrument.SubBass, Instrument.Piano, Instrument.Bell, false),
        Genre.Pop => new(116, "x...x...x...x...", "....x.......x...", "x.x.x.x.x.x.x.x.", 39, 42, Instrument.PluckBass, Instrument.Piano, Instrument.Pluck, false),
        Genre.Rock => new(124, "x.....x.x.x.....", "....x.......x...", "x.x.x.x.x.x.x.x.", 38, 42, Instrument.PluckBass, Instrument.DistortedGuitar, Instrument.SawLead, false),
        Genre.House => new(124, "x...x...x...x...", "....x.......x...", "..x...x...x...x.", 39, 46, Instrument.SynthBass, Instrument.Organ, Instrument.Pluck, true),
        Genre.Techno => new(130, "x...x...x...x...", "....x.......x...", "..x...x...x...x.", 39, 42, Instrument.SynthBass, Instrument.WarmPad, Instrument.SquareLead, true),
        Genre.Trance => new(138, "x...x...x...x...", "....x.......x...", "..x...x...x...x.", 39, 46, Instrument.SynthBass, Instrument.SupersawPad, Instrument.SawLead, true),
        Genre.DrumAndBass => new(174, "x.........x.....", "....x.......x...", "x.xxx.xxx.xxx.xx", 38, 42, Instrument.ReeseBass, Instrument.WarmPad, Instrument.Bell, false),
        Genre.Synthwave => new(100, "x...x...x...x...", "....x.......x...", "xxxxxxxxxxxxxxxx", 38, 42, Instrument.SynthBass, Instrument.SupersawPad, Instrument.SawLead, false),
        Genre.Ambient => new(70, "................", "................", "................", 38, 42, Instrument.SubBass, Instrument.WarmPad, Instrument.Bell, false),
        Genre.Cinematic => new(90, "x.......x.......", "................", "................", 45, 42, Instrument.Strings, Instrument.Strings, Instrument.Brass, false),
        Genre.Jazz => new(120, "x.......x.......", "................", "x..xx.xxx..xx.xx", 37, 51, Instrument.UprightBass, Instrument.Piano, Instrument.SquareLead, false),
        Genre.ClassicalPiano => new(90, "................", "................", "................", 38, 42, Instrument.Piano, Instrument.Piano, Instrument.Piano, false),
        Genre.Funk => new(104, "x..x..x..x....x.", "....x..g....x..g", "xxxxxxxxxxxxxxxx", 38, 42, Instrument.PluckBass, Instrument.CleanGuitar, Instrument.Brass, false),
        _ => new(120, "x...x...x...x...", "....x.......x...", "x.x.x.x.x.x.x.x.", 38, 42, Instrument.SynthBass, Instrument.Piano, Instrument.Pluck, false),
    };

    public static Score Create(Genre genre, double seconds, ulong seed = 1, Key? key = null)
    {
        var style = For(genre);
        var tonic = key?.Tonic ?? 9;
        var random = new Random((int)(seed % int.MaxValue));
        var bpm = style.Bpm;
        var totalBeats = seconds * bpm / 60.0;
        var bars = (int)Math.Ceiling(totalBeats / 4);
        var musicBars = Math.Max(1, bars - 1);
        int[] progression = [0, 5, 2, 6];
        var drums = new List<Note>();
        var bass = new List<Note>();
        var chords = new List<Note>();
        var lead = new List<Note>();
        var chordList = new List<Chord>();
        var hasDrums = style.Kick.Contains('x') || style.Snare.Contains('x') || style.Hats.Contains('x');
        for (var bar = 0; bar < musicBars; bar++)
        {
            var degree = progression[bar % 4];
            var root = tonic + MinorScale[degree];
            var triad = new[] { degree, degree + 2, degree + 4 }.Select(d => tonic + MinorScale[d % 7] + 12 * (d / 7)).ToArray();
            var barStart = bar * 4.0;
            chordList.Add(new Chord(barStart, 4, root % 12, "", triad.Select(p => 60 + ((p - 60) % 12 + 12) % 12).ToArray()));
            for (var step = 0; step < 16; step++)
            {
                var beat = barStart + step * 0.25;
                if (style.Kick[step] == 'x')
                {
                    drums.Add(new Note(beat, 0.25, 36, 110));
                }

                if (style.Snare[step] is 'x' or 'g')
                {
                    drums.Add(new Note(beat, 0.25, style.SnareNote, style.Snare[step] == 'g' ? 45 : 100));
                }

                if (style.Hats[step] == 'x')
                {
                    drums.Add(new Note(beat, 0.25, style.HatNote, step % 4 == 0 ? 90 : 65));
                }
            }

            if (hasDrums && bar % 8 == 0)
            {
                drums.Add(new Note(barStart, 1, 49, 90));
            }

            var bassPitch = 36 + ((root % 12) + 12) % 12;
            if (bassPitch > 45)
            {
                bassPitch -= 12;
            }

            bass.Add(new Note(barStart, 1.5, bassPitch, 100));
            bass.Add(new Note(barStart + 2, 1.5, bassPitch, 90));
            foreach (var p in chordList[^1].Pitches)
            {
                chords.Add(new Note(barStart, 3.9, p, 80));
            }

            for (var beatInBar = 0; beatInBar < 4; beatInBar++)
            {
                if (random.NextDouble() < 0.3)
                {
                    continue;
                }

                var pitch = beatInBar % 2 == 0
                    ? 72 + ((triad[random.Next(3)] % 12) + 12) % 12
                    : 72 + ((tonic + MinorScale[random.Next(7)]) % 12 + 12) % 12;
                lead.Add(new Note(barStart + beatInBar, 0.9, pitch, 85));
            }
        }

        var finalBeat = musicBars * 4.0;
        bass.Add(new Note(finalBeat, 2, 36 + tonic % 12, 90));
        chords.Add(new Note(finalBeat, 3, 60 + tonic % 12, 80));
        chords.Add(new Note(finalBeat, 3, 60 + (tonic + 3) % 12, 80));
        chords.Add(new Note(finalBeat, 3, 60 + (tonic + 7) % 12, 80));
        var parts = new List<Part>();
        if (drums.Count > 0)
        {
            parts.Add(new Part("Drums", Instrument.DrumKit, StemGroup.Drums, drums) { ReverbSend = 0.1 });
        }

        parts.Add(new Part("Bass", style.Bass, StemGroup.Bass, bass) { ReverbSend = 0 });
        parts.Add(new Part("Chords", style.Chords, StemGroup.Harmony, chords) { Sidechain = style.Sidechain, ReverbSend = 0.25, Pan = -0.2 });
        parts.Add(new Part("Lead", style.Lead, StemGroup.Melody, lead) { ReverbSend = 0.2, DelaySend = 0.15, Pan = 0.15 });
        var sections = new List<Section> { new("Intro", 0, Math.Min(8, totalBeats), 0.4) };
        if (totalBeats > 8)
        {
            sections.Add(new Section("Main", 8, totalBeats - 8, 0.8));
        }

        return new Score(genre, bpm, Meter.FourFour, key ?? new Key(tonic, Mode.Minor), seconds, seed, sections, chordList, parts);
    }
}
