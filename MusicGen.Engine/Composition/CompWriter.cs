using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// The harmony stem: the genre's comping figure on the voiced chords (lazy Rhodes, piano blocks, power chords,
/// house stabs, jazz Charleston, Alberti bass, funk chops, string ostinato), sustained pads and 16th arpeggios,
/// each entering with the energy curve.
/// </summary>
public static class CompWriter
{
    /// <param name="Anticipates">A jazz push: the stroke plays the next bar's chord ahead of its downbeat and holds into it.</param>
    private sealed record Stroke(double Step, double Steps, double Accent = 1.0, bool Anticipates = false);

    public static PartBuilder? WriteComp(SongContext song, CompStyle style, Instrument instrument, Rng rng)
    {
        var name = style == CompStyle.Alberti ? "Piano Left Hand" : instrument is Instrument.CleanGuitar or Instrument.DistortedGuitar ? "Guitar" : "Chords";
        var part = new PartBuilder(name, instrument, StemGroup.Harmony);
        var patterns = new Dictionary<SectionRole, List<Stroke>>();
        var pushed = false;
        for (var bar = 0; bar < song.Bars; bar++)
        {
            // A chord pushed ahead of this bar's downbeat is already sounding: the downbeat is left to it.
            var afterPush = pushed;
            pushed = false;
            var section = song.SectionOfBar(bar);
            var energy = section.Energy;
            var barStart = song.Timing.BarStart(bar);
            if (song.IsLastBar(bar))
            {
                var final = song.ChordAt(barStart);
                var voicing = style == CompStyle.PowerChords ? PowerChord(final.RootPitchClass) : final.Voicing;
                foreach (var pitch in voicing)
                {
                    part.Add(barStart, song.Timing.BarLength(bar), pitch, 82);
                }

                continue;
            }

            if (!Plays(song, style, section, energy) && DrumWriter.CarriesSection(song, section))
            {
                continue;
            }

            if (style == CompStyle.Alberti)
            {
                Alberti(song, part, bar, energy, rng);
                continue;
            }

            if (style == CompStyle.Ostinato)
            {
                Ostinato(song, part, bar, energy);
                continue;
            }

            if (style == CompStyle.JazzComp || !patterns.TryGetValue(section.Role, out var strokes))
            {
                strokes = Strokes(style, song, energy, rng);
                patterns[section.Role] = strokes;
            }

            var scale = 0.7 + (0.3 * energy);
            foreach (var stroke in strokes)
            {
                var start = barStart + (stroke.Step * 0.25);
                if (start >= barStart + song.BarBeats - 1e-9 || (afterPush && stroke.Step == 0))
                {
                    continue;
                }

                var chord = song.ChordAt(stroke.Anticipates ? barStart + song.BarBeats : start);
                pushed |= stroke.Anticipates;
                var voicing = style switch
                {
                    CompStyle.PowerChords => PowerChord(chord.RootPitchClass),
                    CompStyle.FunkChops => FunkChop(chord),
                    CompStyle.LazyRhodes when section.Role == SectionRole.Chorus => Lifted(chord, song.Key),
                    _ => chord.Voicing,
                };
                var length = Math.Min(stroke.Steps * 0.25, chord.EndBeat - start);
                var baseVelocity = style switch
                {
                    CompStyle.PowerChords => energy >= 0.75 ? 104 : 84,
                    CompStyle.Sustain => 68,
                    CompStyle.LazyRhodes => 66,
                    _ => 80,
                };
                for (var v = 0; v < voicing.Count; v++)
                {
                    var strum = style is CompStyle.LazyRhodes or CompStyle.PowerChords ? v * 0.012 : 0;
                    // A funk player digs into the chop's third: it is what tells a dominant chord from a minor one.
                    var dig = style == CompStyle.FunkChops && chord.PitchClasses.Count > 1 && Scales.PitchClass(voicing[v]) == chord.PitchClasses[1] ? 1.15 : 1.0;
                    part.Add(start + strum, length - strum, voicing[v], (baseVelocity * stroke.Accent * scale * dig) + rng.Range(-4, 4));
                }
            }
        }

        return part.Count > 0 ? part : null;
    }

    /// <summary>
    /// Lo-fi's B section colours the keys: the chord rootless (the bass has the root), stacked in thirds from the third
    /// nearest the usual voicing's lowest note, with the ninth on top where the key has a whole step above the root (F
    /// minor seventh, usually C4 E♭4 F4 A♭4: A♭3 C4 E♭4 G4). The same register, a softer, more open colour, as a
    /// player reaches for ninth chords in the hook.
    /// </summary>
    private static List<int> Lifted(PlacedChord chord, Key key)
    {
        var tones = chord.PitchClasses.Skip(1).ToList();
        var ninth = Scales.PitchClass(chord.RootPitchClass + 2);
        if (Scales.Steps(key.Mode).Any(step => Scales.PitchClass(key.Tonic + step) == ninth) && !tones.Contains(ninth))
        {
            tones.Add(ninth);
        }

        var stack = new List<int>();
        // Each tone the next of its pitch class above the one before: the third lands within a tritone of the lowest note.
        var pitch = chord.Voicing.Min() - 7;
        foreach (var tone in tones)
        {
            pitch += 1 + Scales.PitchClass(tone - pitch - 1);
            stack.Add(pitch);
        }

        return stack.Count >= 2 ? stack : [.. chord.Voicing];
    }

    public static PartBuilder? WritePad(SongContext song, Instrument instrument, Rng rng)
    {
        var part = new PartBuilder("Pad", instrument, StemGroup.Harmony);
        foreach (var chord in song.Chords)
        {
            var bar = (int)Math.Floor(chord.StartBeat / song.BarBeats + 1e-9);
            var section = song.SectionOfBar(bar);
            var isAmbientLike = song.Template.Genre is Genre.Ambient or Genre.Cinematic;
            var plays = isAmbientLike
                || song.IsLastBar(bar)
                || section.Role is SectionRole.Breakdown or SectionRole.Build or SectionRole.Drop or SectionRole.Chorus
                || section.Energy >= 0.7;
            if (!plays)
            {
                continue;
            }

            var voicing = chord.Voicing.Select(p => p - 12 >= 48 ? p - 12 : p).ToList();
            if (song.Template.Genre is Genre.Trance or Genre.Synthwave or Genre.Cinematic && section.Energy >= 0.8)
            {
                voicing.Add(voicing[0] + 12);
            }

            var velocity = 56 + (26 * section.Energy) + rng.Range(-3, 3);
            foreach (var pitch in voicing)
            {
                part.Add(chord.StartBeat, chord.LengthBeats, pitch, velocity);
            }
        }

        return part.Count > 0 ? part : null;
    }

    public static PartBuilder? WriteArp(SongContext song, Instrument instrument, Rng rng)
    {
        var part = new PartBuilder("Arp", instrument, StemGroup.Harmony);
        int[][] shapes = [[0, 1, 2, 3, 4, 3, 2, 1], [0, 2, 1, 3, 2, 4, 3, 1], [0, 1, 2, 0, 1, 2, 3, 4]];
        var shape = rng.Pick(shapes);
        for (var bar = 0; bar < song.Bars - 1; bar++)
        {
            var section = song.SectionOfBar(bar);
            if (section.Energy < 0.55 && section.Role != SectionRole.Breakdown)
            {
                continue;
            }

            var barStart = song.Timing.BarStart(bar);
            for (var step = 0; step < song.StepsPerBar; step++)
            {
                var start = barStart + (step * 0.25);
                var chord = song.ChordAt(start);
                var tones = chord.PitchClasses.Take(4).Select(pc => SongContext.InRange(pc, 60)).OrderBy(p => p).ToList();
                tones.Add(tones[0] + 12);
                var pitch = tones[shape[step % shape.Length] % tones.Count];
                var velocity = (step % 4 == 0 ? 88 : 70) * (0.75 + (0.25 * section.Energy));
                part.Add(start, 0.22, pitch, velocity + rng.Range(-3, 3));
            }
        }

        return part.Count > 0 ? part : null;
    }

    /// <summary>Length (beats) and slide time of a horn fall-off.</summary>
    private const double FallBeats = 0.75, FallSeconds = 0.3;

    /// <summary>
    /// Funk's horn section: short chord stabs in the choruses (and any section at energy 0.85 or more), a two-bar figure
    /// picked by seed and kept for the song, as a horn section plays its line each time the chorus comes round. Each
    /// hit is the chord's colour tones — third, seventh and ninth (the fifth or root where the chord has none) — close
    /// above D4, under the lead's register; the guitar's chops keep the rest. The last hit of each such section falls
    /// off, every horn sliding down a fourth as it dies away. Only in 4/4.
    /// </summary>
    public static PartBuilder? WriteHornStabs(SongContext song, Rng rng)
    {
        string[] figures =
        [
            "......x.......x.x...........x...",
            "x.....x...x.......x.....x.x.....",
            "..x...x.......x...x.x.......x...",
        ];
        if (!song.IsFourFour)
        {
            return null;
        }

        var figure = rng.Pick(figures);
        var part = new PartBuilder("Horn Stabs", Instrument.Brass, StemGroup.Harmony);
        for (var bar = 0; bar < song.Bars - 1; bar++)
        {
            var section = song.SectionOfBar(bar);
            if (section.Role != SectionRole.Chorus && section.Energy < 0.85)
            {
                continue;
            }

            var barStart = song.Timing.BarStart(bar);
            var half = (bar - section.StartBar) % 2;
            var lastHit = figure.LastIndexOf('x', (half * 16) + 15, 16) - (half * 16);
            for (var step = 0; step < 16; step++)
            {
                if (figure[(half * 16) + step] != 'x')
                {
                    continue;
                }

                var start = barStart + (step * 0.25);
                var velocity = (step % 4 == 0 ? 108 : 100) * (0.85 + (0.15 * section.Energy));
                var fall = bar == section.EndBar - 1 && step == lastHit;
                foreach (var pitch in HornVoicing(song.ChordAt(start)))
                {
                    if (fall)
                    {
                        // The section's last hit falls off: each horn slides down a fourth as it dies away.
                        part.AddGlide(start, FallBeats, pitch - 5, velocity, glideFrom: pitch, glideSeconds: FallSeconds);
                    }
                    else
                    {
                        part.Add(start, 0.3, pitch, velocity);
                    }
                }
            }
        }

        return part.Count > 0 ? part : null;
    }

    private static List<int> HornVoicing(PlacedChord chord)
    {
        var root = chord.RootPitchClass;
        var intervals = chord.PitchClasses.Select(pc => Scales.PitchClass(pc - root)).ToHashSet();
        int[] third = [4, 3], seventh = [10, 11], ninth = [2];
        var tones = new[] { third, seventh, ninth }
            .Select(choices => choices.FirstOrDefault(intervals.Contains, -1))
            .Select((interval, k) => interval >= 0 ? interval : k == 1 ? 7 : 0)
            .Distinct()
            .Select(interval => SongContext.InRange(root + interval, 62))
            .Order()
            .ToList();
        return tones;
    }

    private static bool Plays(SongContext song, CompStyle style, SongSection section, double energy) => style switch
    {
        CompStyle.OffbeatStabs => energy >= 0.55 || section.Role is SectionRole.Breakdown,
        CompStyle.TechnoStab => energy >= 0.7,
        CompStyle.PowerChords => energy >= 0.5 && section.Role != SectionRole.Bridge,
        CompStyle.Sustain when song.Template.Electronic => section.Role != SectionRole.Intro || energy >= 0.5,
        _ => true,
    };

    private static List<int> PowerChord(int rootPitchClass)
    {
        var root = SongContext.InRange(rootPitchClass, 40);
        return [root, root + 7, root + 12];
    }

    private static List<Stroke> Strokes(CompStyle style, SongContext song, double energy, Rng rng)
    {
        var steps = song.StepsPerBar;
        if (!song.IsFourFour)
        {
            return style == CompStyle.Sustain ? [new(0, steps - 0.5)] : [new(0, 4, 1.05), new(4, 4, 0.9), new(8, 4, 0.9)];
        }

        switch (style)
        {
            case CompStyle.LazyRhodes:
                return rng.Chance(0.6) ? [new(0, 7), new(10, 5, 0.85)] : [new(0, 14)];
            case CompStyle.Block:
                return energy < 0.6
                    ? [new(0, 7.6), new(8, 7.6, 0.9)]
                    : [new(0, 3.6, 1.05), new(4, 3.6, 0.9), new(8, 3.6, 0.95), new(12, 3.6, 0.9)];
            case CompStyle.PowerChords:
                return Enumerable.Range(0, 8).Select(i => new Stroke(i * 2, energy >= 0.75 ? 1.8 : 1.0, i % 2 == 0 ? 1 : 0.88)).ToList();
            case CompStyle.OffbeatStabs:
            {
                string[] grids = ["..x...x...x...x.", "x..x..x...x..x..", "..x..x....x..x.."];
                return FromGrid(rng.Pick(grids), 1.5);
            }

            case CompStyle.TechnoStab:
            {
                string[] grids = ["...x......x.....", "..x..x........x.", "......x.......x."];
                return FromGrid(rng.Pick(grids), 1.0);
            }

            case CompStyle.JazzComp:
            {
                // A comping pianist answers the band bar by bar: the Charleston and its reverse, pushes that play the next
                // chord on the "and" of four, and more hits as the band gets louder, fewer and longer ones when it is quiet.
                List<Stroke>[] sparse =
                [
                    [new(0, 8, 0.95)],
                    [new(2, 6, 0.9)],
                    [new(0, 3), new(8, 4, 0.85)],
                    [new(6, 2, 0.9), new(14, 4, 0.85, Anticipates: true)],
                ];
                List<Stroke>[] middle =
                [
                    [new(0, 3), new(6, 2, 0.9)],
                    [new(2, 2, 0.9), new(8, 3)],
                    [new(6, 2), new(14, 4, 0.9, Anticipates: true)],
                    [new(0, 2), new(10, 2, 0.9)],
                    [new(4, 2, 0.9), new(10, 3)],
                    [new(0, 3), new(10, 2, 0.85), new(14, 4, 0.9, Anticipates: true)],
                ];
                List<Stroke>[] busy =
                [
                    [new(0, 2), new(6, 2, 0.9), new(10, 2), new(14, 4, 0.9, Anticipates: true)],
                    [new(2, 2, 0.9), new(6, 2), new(12, 2, 0.9)],
                    [new(0, 2), new(4, 2, 0.85), new(10, 3)],
                    [new(3, 2, 0.9), new(8, 2), new(14, 4, 0.9, Anticipates: true)],
                ];
                return rng.Pick(energy < 0.45 ? [.. sparse, .. middle[..2]] : energy < 0.7 ? middle : [.. middle, .. busy]);
            }

            case CompStyle.FunkChops:
            {
                string[] grids = ["x.xx.x.xx.x.x.xx", ".x.x.xx..x.x.xx.", "x..x.x..x.xx.x.x"];
                return FromGrid(rng.Pick(grids), 0.5);
            }

            default:
                return [new(0, steps - 0.3)];
        }
    }

    /// <summary>
    /// The top three notes of the voicing an octave up, with the chord's third always among them: without it a
    /// dominant seventh chop (5, b7, 1) sounded like the minor chord, and funk in mixolydian read as minor.
    /// </summary>
    private static List<int> FunkChop(PlacedChord chord)
    {
        var top = chord.Voicing.Skip(Math.Max(0, chord.Voicing.Count - 3)).Select(p => p + 12 > 84 ? p : p + 12).ToList();
        var third = chord.PitchClasses.Count > 1 ? chord.PitchClasses[1] : chord.RootPitchClass;
        if (top.Count == 3 && top.All(p => Scales.PitchClass(p) != third))
        {
            // Replace the lowest note by the third just above it (a shell chop: 3, 7, 1 or 3, 5, 7).
            var lowest = top.Min();
            var raised = lowest + Scales.PitchClass(third - lowest);
            top.Remove(lowest);
            top.Add(top.Contains(raised) ? raised - 12 : raised);
            top.Sort();
        }

        return top;
    }

    private static List<Stroke> FromGrid(string grid, double steps) =>
        grid.Select((c, i) => (c, i)).Where(x => x.c != '.').Select(x => new Stroke(x.i, steps, x.i % 4 == 0 ? 1.05 : 0.92)).ToList();

    /// <summary>Classical left hand: Alberti bass (low–high–middle–high) in 8ths, broken quarters when quiet.</summary>
    /// <summary>
    /// A classical left hand, its figure set by the section, as a composer varies the accompaniment to tell the sections
    /// apart: Alberti bass (low, high, middle, high in eighths) under the theme and its return; in the varied repeat (A')
    /// a wide arpeggio rising from the root through the fifth and octave to the tenth and falling back; in the middle
    /// section broken chords, the bass on the strong beats and the chord above it on the others (oom-pah in 4/4, a
    /// waltz's oom-pah-pah in 3/4, the root and the fifth under each half bar in 6/8). Quiet bars (energy under 0.35)
    /// play every other eighth, held.
    /// </summary>
    private static void Alberti(SongContext song, PartBuilder part, int bar, double energy, Rng rng)
    {
        var section = song.SectionOfBar(bar);
        var figure = section.Name == "A'" ? 1 : section.Role == SectionRole.Bridge ? 2 : 0;
        var barStart = song.Timing.BarStart(bar);
        var eighths = (int)Math.Round(song.BarBeats * 2);
        var sixEight = song.Brief.Meter == Meter.SixEight;
        for (var i = 0; i < eighths; i++)
        {
            if (energy < 0.35 && i % 2 == 1)
            {
                continue;
            }

            var start = barStart + (i * 0.5);
            var chord = song.ChordAt(start);
            var root = SongContext.InRange(chord.RootPitchClass, 36);
            var third = SongContext.InRange(chord.PitchClasses[1], root + 1);
            var fifth = SongContext.InRange(chord.PitchClasses[Math.Min(2, chord.PitchClasses.Count - 1)], root + 1);
            var (low, middle, high) = (root, Math.Min(third, fifth), Math.Max(third, fifth));
            var length = energy < 0.35 ? 0.95 : 0.48;
            var velocity = (i % 4 == 0 ? 70 : 56) * (0.8 + (0.3 * energy));
            switch (figure)
            {
                case 1:
                {
                    int[] wide = [root, fifth, root + 12, third + 12, root + 12, fifth, root + 12, fifth];
                    var pitch = eighths == 6 ? wide[i < 4 ? i : 8 - i - 2] : wide[i % 8];
                    part.Add(start, length, pitch, velocity + rng.Range(-3, 3));
                    break;
                }

                case 2:
                {
                    // The fifth under the root on the half bar, where the piano still speaks clearly (from A1 up).
                    var under = fifth - 12 >= 33 ? fifth - 12 : fifth;
                    var bass = i == 0 ? root : (sixEight && i == 3) || (eighths == 8 && i == 4) ? under : (int?)null;
                    if (bass is { } b)
                    {
                        part.Add(start, 0.95, b, 70 * (0.8 + (0.3 * energy)) + rng.Range(-3, 3));
                    }
                    else if (sixEight || i % 2 == 0)
                    {
                        // A seventh chord leaves its root to the bass.
                        foreach (var tone in chord.PitchClasses.Skip(chord.PitchClasses.Count > 3 ? 1 : 0).Take(3).Select(pc => SongContext.InRange(pc, 48)).Order())
                        {
                            part.Add(start, 0.4, tone, 52 * (0.8 + (0.3 * energy)));
                        }

                        rng.Range(-3, 3);
                    }

                    break;
                }

                default:
                {
                    var pitch = (i % 4) switch { 0 => low, 1 => high, 2 => middle, _ => high };
                    part.Add(start, length, pitch, velocity + rng.Range(-3, 3));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Cinematic string ostinato: root–fifth–octave–fifth in 8ths, 16ths at the climax. Before a louder section (at least
    /// <see cref="CrescendoRise"/> up) the last half of the section (at most <see cref="CrescendoBars"/> bars) swells: the
    /// strokes fall back to 0.8 of the section's level and grow, stroke by stroke, to a tenth over the next section's.
    /// </summary>
    private static void Ostinato(SongContext song, PartBuilder part, int bar, double energy)
    {
        var barStart = song.Timing.BarStart(bar);
        var sixteenths = energy >= 0.8;
        var stepLength = sixteenths ? 0.25 : 0.5;
        var count = (int)Math.Round(song.BarBeats / stepLength);
        if (energy < 0.3)
        {
            var chord = song.ChordAt(barStart);
            foreach (var pitch in chord.Voicing)
            {
                part.Add(barStart, song.BarBeats, pitch - 12 >= 45 ? pitch - 12 : pitch, 62);
            }

            return;
        }

        var index = song.SectionIndexOfBar(bar);
        var section = song.Sections[index];
        var next = index + 1 < song.Sections.Count ? song.Sections[index + 1] : null;
        var level = 0.75 + (0.25 * energy);
        var swellBars = next is not null && next.Energy - section.Energy >= CrescendoRise ? Math.Min(CrescendoBars, section.Bars / 2) : 0;
        var swellStart = section.EndBar - swellBars;
        for (var i = 0; i < count; i++)
        {
            var start = barStart + (i * stepLength);
            var chord = song.ChordAt(start);
            var root = SongContext.InRange(chord.RootPitchClass, 48);
            int[] cycle = [root, root + 7, root + 12, root + 7];
            var dynamic = level;
            if (bar >= swellStart && swellBars > 0)
            {
                var through = (bar - swellStart + ((i + 1.0) / count)) / swellBars;
                dynamic = (0.8 * level) + (through * ((1.1 * (0.75 + (0.25 * next!.Energy))) - (0.8 * level)));
            }

            part.Add(start, stepLength * 0.6, cycle[i % 4], (i % 4 == 0 ? 92 : 76) * dynamic);
        }
    }

    /// <summary>How much louder the next section must be for the ostinato to swell into it.</summary>
    public const double CrescendoRise = 0.3;

    /// <summary>The longest swell, in bars.</summary>
    public const int CrescendoBars = 8;
}
