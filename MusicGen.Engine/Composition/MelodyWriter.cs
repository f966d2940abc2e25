using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// The lead line. A two-bar hook (and a verse motif) are grown from rhythm cells and a mostly stepwise contour;
/// phrases develop them by repetition, sequence, inversion (bridge) and tail changes that cadence on the 2nd/5th
/// (antecedent) or the tonic (consequent). Strong beats and long notes land on chord tones; the song ends on the tonic.
/// </summary>
public static class MelodyWriter
{
    private sealed record MotifNote(double Offset, double Length, int Degree);

    public static (PartBuilder? Part, List<(double Beat, string Text)> Lyrics) Write(SongContext song, Instrument instrument, Rng rng)
    {
        var template = song.Template;
        var barBeats = song.BarBeats;
        var riff = template.Genre == Genre.Techno;
        var motifBeats = riff ? barBeats : barBeats * 2;
        var density = template.LeadDensity;
        var hook = MakeMotif(rng, density, motifBeats, barBeats, song.IsFourFour);
        var verse = MakeMotif(rng, density * 0.85, motifBeats, barBeats, song.IsFourFour);
        var bridge = Invert(hook);
        var tonicPitch = Scales.TonicNear(song.Key, template.LeadCentre - 5);
        var part = new PartBuilder(riff ? "Acid Riff" : template.Genre == Genre.ClassicalPiano ? "Piano Right Hand" : "Lead", instrument, StemGroup.Melody);
        var lyrics = new List<(double Beat, string Text)>();
        var lyricQueue = new Queue<string>(song.Brief.Plan is null ? song.Brief.Lyrics : []);
        var finalBarStart = song.Timing.BarStart(song.Bars - 1);
        var lastPitch = tonicPitch + 7;

        for (var s = 0; s < song.Sections.Count; s++)
        {
            var section = song.Sections[s];
            var (plays, motif, lift) = Choose(song, section, hook, verse, bridge, riff);
            var sectionStart = song.Timing.BarStart(section.StartBar);
            var sectionEnd = Math.Min(song.Timing.BarStart(section.EndBar), finalBarStart);
            if (section.Lines.Count > 0)
            {
                var spacing = (sectionEnd - sectionStart) / section.Lines.Count;
                for (var i = 0; i < section.Lines.Count; i++)
                {
                    lyrics.Add((sectionStart + (i * spacing), section.Lines[i]));
                }
            }

            if (!plays || motif is null)
            {
                continue;
            }

            var phraseBars = Math.Min(riff ? 8 : 4, section.Bars);
            var sequenceShift = rng.Pick(new[] { 1, -1, 2 });
            var phrase = 0;
            for (var phraseStart = sectionStart; phraseStart < sectionEnd - 1e-9; phraseStart += phraseBars * barBeats, phrase++)
            {
                if (section.Lines.Count == 0 && lyricQueue.Count > 0)
                {
                    lyrics.Add((phraseStart, lyricQueue.Dequeue()));
                }

                var reps = (int)Math.Max(1, Math.Round(phraseBars * barBeats / motifBeats));
                var consequent = phrase % 2 == 1 || phraseStart + (phraseBars * barBeats) >= sectionEnd - 1e-9;
                for (var rep = 0; rep < reps; rep++)
                {
                    var repStart = phraseStart + (rep * motifBeats);
                    IReadOnlyList<MotifNote> notes = motif;
                    if (section.Role == SectionRole.Solo)
                    {
                        // A solo improvises on fresh motifs over the head's changes, but sets out from the tune: its
                        // first motif quotes the head's.
                        var improvised = MakeMotif(rng, density * 1.5, motifBeats, barBeats, song.IsFourFour);
                        notes = phrase == 0 && rep == 0 ? motif : improvised;
                    }
                    var shift = lift + (phrase % 2 == 1 && rep == 0 && !riff ? sequenceShift : 0);
                    if (rep == reps - 1 && !riff && motifBeats >= barBeats * 2)
                    {
                        notes = Tail(notes, barBeats, consequent ? 0 : rng.Pick(new[] { 1, 4 }), shift, rng);
                        shift = lift;
                    }
                    else if (rep % 2 == 1 && !riff && rng.Chance(0.35))
                    {
                        notes = Tail(notes, barBeats, rng.Pick(new[] { 2, 4 }), shift, rng);
                    }

                    var played = new List<int>();
                    foreach (var note in notes)
                    {
                        var start = repStart + note.Offset;
                        if (start >= sectionEnd - 1e-9)
                        {
                            break;
                        }

                        var length = Math.Min(note.Length, sectionEnd - start);
                        var pitch = Scales.Pitch(song.Key, tonicPitch, note.Degree + shift);
                        var beatInBar = (start - song.Timing.BarStart((int)Math.Floor((start / barBeats) + 1e-9))) % barBeats;
                        var strong = Math.Abs(beatInBar) < 1e-6 || (song.IsFourFour && Math.Abs(beatInBar - 2) < 1e-6) || (song.Brief.Meter == Meter.SixEight && Math.Abs(beatInBar - 1.5) < 1e-6);
                        if (strong || length >= 1)
                        {
                            pitch = NearestChordTone(song.ChordAt(start), pitch);
                        }
                        else
                        {
                            if (!riff && GapToFill(played) is { } leap && (Math.Sign(pitch - played[^1]) != -Math.Sign(leap) || Math.Abs(pitch - played[^1]) > 2))
                            {
                                // A leap of a third or more is filled in: the next weak note turns back by a step, as the
                                // ear expects (a motif's own notes only, so every repeat of a hook stays the same).
                                pitch = Ornaments.Neighbour(song.Key, played[^1], -Math.Sign(leap));
                            }

                            if (template.Genre is Genre.ClassicalPiano or Genre.Jazz or Genre.HipHop)
                            {
                                pitch = Inflected(song.ChordAt(start), song.Key, pitch);
                            }
                        }

                        pitch = KeepInRange(pitch, riff ? 45 : 55, riff ? 70 : 84);
                        var accent = strong ? 1.08 : 0.94;
                        var phrasePosition = (start - phraseStart) / (phraseBars * barBeats);
                        var arch = template.Electronic ? 1.0 : 0.9 + (0.8 * phrasePosition * (1 - phrasePosition));
                        var velocity = ((78 + (22 * section.Energy)) * accent * arch) + rng.Range(-5, 5);
                        part.Add(start, length * (riff ? 0.7 : 0.92), pitch, velocity);
                        lastPitch = pitch;
                        played.Add(pitch);
                    }
                }
            }
        }

        if (template.Genre is Genre.ClassicalPiano && song.KeyChange is { EndBeat: < double.PositiveInfinity } middle && part.Count > 0)
        {
            Cadenza(part, song, middle.EndBeat, tonicPitch);
        }

        if (template.Genre is Genre.ClassicalPiano)
        {
            Ornaments.Decorate(part, song, rng.Fork("ornaments"));
        }

        if (template.Genre is Genre.Synthwave)
        {
            DoubleFinalChorus(part, song);
        }

        if (part.Count > 0 || template.Genre is Genre.ClassicalPiano || song.Bars <= 2)
        {
            var finalPitch = KeepInRange(NearestPitchClass(song.Key.Tonic, lastPitch), riff ? 45 : 55, riff ? 70 : 84);
            if (template.Genre is Genre.ClassicalPiano && song.Bars >= 4)
            {
                Ornaments.CadentialTrill(part, song, finalBarStart, finalPitch);
            }

            part.Add(finalBarStart, song.Timing.BarLength(song.Bars - 1), finalPitch, 84);
        }

        return (part.Count > 0 ? part : null, lyrics);
    }

    /// <summary>
    /// Synthwave's last and loudest chorus doubles its lead an octave up, as the records stack a second synth on the
    /// final hook: each of its notes gets a softer partner twelve semitones above (up to C7). Only where an earlier
    /// chorus played the hook single.
    /// </summary>
    private static void DoubleFinalChorus(PartBuilder part, SongContext song)
    {
        var choruses = song.Sections.Where(s => s.Role == SectionRole.Chorus).ToList();
        if (choruses.Count < 2 || choruses.MaxBy(s => s.Energy) is not { } final)
        {
            return;
        }

        var (start, end) = (song.Timing.BarStart(final.StartBar), song.Timing.BarStart(final.EndBar));
        foreach (var note in part.Notes.Where(n => n.Start >= start - 1e-9 && n.Start < end - 1e-9 && n.Pitch + 12 <= 96).ToList())
        {
            part.Add(note.Start, note.Duration, note.Pitch + 12, note.Velocity * 0.75);
        }
    }

    /// <summary>
    /// The last bar of a classical piece's middle section, over the dominant seventh that leads home, becomes a small
    /// cadenza: a scale from its first beat up in sixteenths onto the chord's third, the home key's leading tone, just
    /// under the reprise's first note, which it resolves into. Written in the home key and transposed with the section
    /// (a fourth down), the run's scale is the home key's own (its harmonic minor in minor): in C, C D E F G A B♭
    /// written, G A B C D E F sounding; in A minor, A B♭ C♯ D E F G written, E F G♯ A B C D sounding.
    /// </summary>
    private static void Cadenza(PartBuilder part, SongContext song, double returnBeat, int tonicPitch)
    {
        const int writtenAbove = 5, lowest = 55;
        var barBeats = song.BarBeats;
        var start = returnBeat - barBeats;
        var sixteenths = (int)Math.Round((barBeats - 1) * 4);
        if (start <= 0 || sixteenths < 4)
        {
            return;
        }

        int[] steps = song.Key.IsMinor ? [0, 1, 4, 5, 7, 8, 10] : [0, 2, 4, 5, 7, 9, 10];
        int Pitch(int degree) => tonicPitch + (12 * (int)Math.Floor(degree / 7.0)) + steps[((degree % 7) + 7) % 7];

        // The highest third (degree 2 of each octave) at or under the reprise's first note, as written here: from a
        // third far below, up an octave at a time.
        var reprise = part.Notes.Where(n => n.Start >= returnBeat - 1e-9).ToList();
        var target = (reprise.Count > 0 ? reprise.MinBy(n => n.Start).Pitch : tonicPitch + 12) + writtenAbove;
        var land = 2 - (7 * 10);
        while (Pitch(land + 7) <= target)
        {
            land += 7;
        }

        // Above it rather than under the right hand's register, where the run would start in the left hand's.
        while (Pitch(land - sixteenths) < lowest)
        {
            land += 7;
        }

        part.Clear(start, returnBeat);
        part.Add(start, 0.95, Pitch(land - sixteenths), 70);
        for (var i = 0; i < sixteenths; i++)
        {
            part.Add(start + 1 + (i * 0.25), 0.23, Pitch(land - sixteenths + 1 + i), 68 + (18.0 * i / sixteenths));
        }
    }

    private static (bool Plays, IReadOnlyList<MotifNote>? Motif, int Lift) Choose(
        SongContext song, SongSection section, IReadOnlyList<MotifNote> hook, IReadOnlyList<MotifNote> verse, IReadOnlyList<MotifNote> bridge, bool riff)
    {
        var genre = song.Template.Genre;
        if (riff)
        {
            return (section.Energy >= 0.7, hook, 0);
        }

        var alwaysSings = genre is Genre.ClassicalPiano or Genre.Ambient or Genre.Jazz;
        return section.Role switch
        {
            SectionRole.Chorus or SectionRole.Drop => (true, hook, genre is Genre.Pop or Genre.Rock or Genre.Synthwave ? 2 : 0),
            SectionRole.Verse or SectionRole.Solo => (section.Energy >= 0.25 || alwaysSings, verse, 0),
            SectionRole.PreChorus => (true, verse, 1),
            SectionRole.Bridge => (true, bridge, -1),
            SectionRole.Breakdown => (genre is Genre.Trance or Genre.DrumAndBass or Genre.House or Genre.Cinematic or Genre.Funk, genre is Genre.Cinematic ? verse : hook, 0),
            SectionRole.Build => (genre is Genre.Cinematic, verse, 0),
            SectionRole.Intro => (alwaysSings && genre != Genre.Jazz, verse, 0),
            SectionRole.Outro => (genre is Genre.ClassicalPiano or Genre.Ambient, hook, 0),
            _ => (false, null, 0),
        };
    }

    private static List<MotifNote> MakeMotif(Rng rng, double density, double beats, double barBeats, bool fourFour)
    {
        (double Offset, double Length)[][] cells =
        [
            [(0, 2)], [(0, 1)], [], [(0, 0.5), (0.5, 0.5)], [(0.5, 0.5)], [(0, 0.75), (0.75, 0.25)],
            [(0, 0.25), (0.25, 0.25), (0.5, 0.25), (0.75, 0.25)], [(0, 0.5)],
        ];
        double[] weights =
        [
            density < 0.5 ? 3 : 0.6, 3, density < 0.5 ? 2.2 : 1.1, density * 3, 1, density * 1.4, Math.Max(0, density - 1) * 4, 1,
        ];
        var notes = new List<MotifNote>();
        var degree = rng.Pick(new[] { 0, 2, 4, 7 });
        var direction = rng.Chance(0.5) ? 1 : -1;
        var pendingStepBack = 0;
        for (var beat = 0.0; beat < beats - 1e-9;)
        {
            var isLastBeat = beat >= beats - 1 - 1e-9;
            var index = rng.Weighted(weights);
            if (beat == 0 && index is 2 or 4)
            {
                index = 1;
            }

            if (isLastBeat && index == 0)
            {
                index = 1;
            }

            if (isLastBeat && rng.Chance(0.5))
            {
                index = 2;
            }

            foreach (var (offset, length) in cells[index])
            {
                notes.Add(new MotifNote(beat + offset, length, degree));
                if (pendingStepBack != 0)
                {
                    degree += pendingStepBack;
                    pendingStepBack = 0;
                    continue;
                }

                var roll = rng.NextDouble();
                if (roll < 0.55)
                {
                    degree += direction;
                }
                else if (roll < 0.67)
                {
                    // repeated note
                }
                else if (roll < 0.9)
                {
                    var leap = rng.Next(2, 5) * direction;
                    degree += leap;
                    pendingStepBack = -Math.Sign(leap);
                }
                else
                {
                    direction = -direction;
                    degree += direction;
                }

                if (degree > 8 || degree < -3)
                {
                    direction = degree > 8 ? -1 : 1;
                    degree = Math.Clamp(degree, -3, 8);
                    pendingStepBack = 0;
                }
            }

            beat += index == 0 ? 2 : 1;
        }

        return notes;
    }

    private static List<MotifNote> Invert(IReadOnlyList<MotifNote> motif)
    {
        var axis = motif.Count > 0 ? motif[0].Degree : 0;
        return motif.Select(n => n with { Degree = Math.Clamp(axis - (n.Degree - axis) + 2, -3, 9) }).ToList();
    }

    /// <summary>Keeps the motif's first bar and lands on <paramref name="target"/> (a scale degree) at the start of the second, stepping into it.</summary>
    private static List<MotifNote> Tail(IReadOnlyList<MotifNote> motif, double barBeats, int target, int shift, Rng rng)
    {
        var kept = motif.Where(n => n.Offset < barBeats - 1e-9).Select(n => n with { Length = Math.Min(n.Length, barBeats - n.Offset) }).ToList();
        var previous = kept.Count > 0 ? kept[^1].Degree + shift : target;
        var octave = (int)Math.Round((previous - target) / 7.0);
        var landing = target + (octave * 7) - shift;
        if (kept.Count == 0 || kept[^1].Offset < barBeats - 0.5 - 1e-9)
        {
            kept.Add(new MotifNote(barBeats - 0.5, 0.5, landing + (rng.Chance(0.5) ? 1 : -1)));
        }

        kept.Add(new MotifNote(barBeats, barBeats * (rng.Chance(0.5) ? 0.75 : 0.5), landing));
        return kept;
    }

    /// <summary>The last move of <paramref name="played"/> when it leapt a third or more (semitones, signed); else null.</summary>
    private static int? GapToFill(List<int> played) =>
        played.Count >= 2 && Math.Abs(played[^1] - played[^2]) >= 3 ? played[^1] - played[^2] : null;

    /// <summary>
    /// A passing note bent to a chromatic chord: where the chord holds a tone outside the key a half step from the note
    /// (D7's F♯ in C against an F, a minor key's raised leading tone in its dominant), the melody takes the chord's, as a
    /// player follows the harmony's alteration instead of rubbing against it. Jazz, classical and hip-hop, whose dark
    /// minor melodies take the harmonic minor's leading tone over the dominant.
    /// </summary>
    private static int Inflected(PlacedChord chord, Key key, int pitch)
    {
        if (chord.PitchClasses.Contains(Scales.PitchClass(pitch)))
        {
            return pitch;
        }

        var steps = Scales.Steps(key.Mode);
        foreach (var step in (ReadOnlySpan<int>)[1, -1])
        {
            var other = Scales.PitchClass(pitch + step);
            if (chord.PitchClasses.Contains(other) && !steps.Contains(Scales.PitchClass(other - key.Tonic)))
            {
                return pitch + step;
            }
        }

        return pitch;
    }

    private static int NearestChordTone(PlacedChord chord, int pitch)
    {
        var best = pitch;
        var bestDistance = int.MaxValue;
        foreach (var pc in chord.PitchClasses)
        {
            var candidate = NearestPitchClass(pc, pitch);
            var distance = Math.Abs(candidate - pitch);
            if (distance < bestDistance || (distance == bestDistance && candidate < best))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int NearestPitchClass(int pitchClass, int near)
    {
        var candidate = near - 6 + Scales.PitchClass(pitchClass - (near - 6));
        return candidate;
    }

    private static int KeepInRange(int pitch, int low, int high)
    {
        while (pitch < low)
        {
            pitch += 12;
        }

        while (pitch > high)
        {
            pitch -= 12;
        }

        return pitch;
    }
}
