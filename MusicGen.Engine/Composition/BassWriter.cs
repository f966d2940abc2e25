using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// Genre bass lines locked to the kick and the chord roots: lazy lo-fi roots, 808s on the kicks, pop/rock eighths,
/// house off-beats, trance rolling 16ths, reese drones, synthwave octaves, walking jazz quarters, funk slap figures.
/// One rhythm per section role keeps the groove repeating; the pitches follow the chords.
/// </summary>
public static class BassWriter
{
    private enum Tone
    {
        Root,
        Fifth,
        Octave,
        Approach,
        Third,
    }

    /// <summary>One bass hit; <see cref="Slide"/> glides into it from the note before (303 slide, 808 glide).</summary>
    private sealed record Hit(int Step, double Steps, Tone Tone, double Accent = 1.0, bool Slide = false);

    public static PartBuilder? Write(SongContext song, Instrument instrument, Rng rng)
    {
        var style = song.Template.Bass;
        if (style == BassStyle.None)
        {
            return null;
        }

        if (song.IsTrap)
        {
            style = BassStyle.Trap808;
        }
        else if (!song.IsFourFour && style is not (BassStyle.Drone or BassStyle.Walking))
        {
            style = BassStyle.Pedal;
        }

        var part = new PartBuilder("Bass", instrument, StemGroup.Bass);
        var low = instrument is Instrument.SubBass or Instrument.ReeseBass ? 28 : 33;
        var patterns = new Dictionary<SectionRole, List<Hit>>();
        var previousPitch = ContextPitch(song.ChordAt(0).RootPitchClass, low);
        for (var bar = 0; bar < song.Bars; bar++)
        {
            var section = song.SectionOfBar(bar);
            var barStart = song.Timing.BarStart(bar);
            var energy = section.Energy;
            if (song.IsLastBar(bar))
            {
                var tonic = ContextPitch(song.Key.Tonic, low);
                part.Add(barStart, song.Timing.BarLength(bar), tonic, 100);
                continue;
            }

            if (!Plays(song, section, energy))
            {
                continue;
            }

            if (style == BassStyle.Walking)
            {
                previousPitch = Walk(song, part, bar, previousPitch, low, energy, rng);
                continue;
            }

            if (!patterns.TryGetValue(section.Role, out var hits))
            {
                hits = Pattern(style, song, energy, rng);
                patterns[section.Role] = hits;
            }

            if (style is BassStyle.KickLocked or BassStyle.Trap808 && (bar - section.StartBar) % PhraseBars == PhraseBars - 1)
            {
                hits = Turnaround(hits, style);
            }

            var scale = 0.78 + (0.22 * energy);
            foreach (var hit in hits)
            {
                var start = barStart + (hit.Step * 0.25);
                var chord = song.ChordAt(start);
                var root = ContextPitch(chord.RootPitchClass, low);
                var pitch = hit.Tone switch
                {
                    Tone.Fifth => root + 7 > low + 19 ? root - 5 : root + 7,
                    Tone.Octave => root + 12,
                    Tone.Approach => ContextPitch(song.ChordAt(barStart + song.BarBeats).RootPitchClass, low) - 1,
                    Tone.Third => root + Scales.PitchClass((chord.PitchClasses.Count > 1 ? chord.PitchClasses[1] : chord.RootPitchClass) - chord.RootPitchClass),
                    _ => root,
                };
                var velocity = ((hit.Step == 0 ? 108 : 96) * hit.Accent * scale) + rng.Range(-4, 4);

                // A slide needs a note still sounding (or just ended) to slide from, as on a 303 with the slide
                // step tied; the pitch moves in a fixed time (303 ≈ 70 ms; an 808 glide is slower).
                var previous = part.Count > 0 ? part.Notes[^1] : (Note?)null;
                var sounding = previous is { } last && last.Start + last.Duration >= start - 0.26;
                if (style == BassStyle.Trap808 && sounding && hit.Step == 0 && bar > 0 && song.SectionOfBar(bar - 1) != section)
                {
                    // Into a new section's downbeat the 808 always slides, slower, and from an octave up where it was
                    // already on the root: the swoop that announces the section.
                    var from = previous!.Value.Pitch != pitch ? previous.Value.Pitch : pitch + 12;
                    part.AddGlide(start, hit.Steps * 0.25, pitch, velocity, from, SectionSlideSeconds);
                }
                else if (hit.Slide && sounding && previous!.Value.Pitch != pitch)
                {
                    part.AddGlide(start, hit.Steps * 0.25, pitch, velocity, previous.Value.Pitch, style == BassStyle.Trap808 ? 0.12 : 0.07);
                }
                else
                {
                    part.Add(start, hit.Steps * 0.25, pitch, velocity);
                }
            }
        }

        return part.Count > 0 ? part : null;
    }

    /// <summary>
    /// Trap's 808 answers a pitched hat roll. Under one that climbs, the note ringing under the roll glides up an octave
    /// halfway through it; under one that falls and dies away, it sinks a fifth from the roll's first stroke, as
    /// producers bend the 808 with the roll. If the note rings on past the roll it glides back as the roll lands (a hit
    /// landing with the roll that slid from the note now slides from the bent pitch). Only where one plain note rings
    /// under the whole roll, and a sinking 808 stays above E1.
    /// </summary>
    public static void AnswerRolls(PartBuilder bass, IEnumerable<(double Start, double End)> climbingRolls, IEnumerable<(double Start, double End)> fallingRolls)
    {
        // In time order, so a note bent by one roll (it glides back from the bend) is not bent again by a later one. A rise
        // answers the roll's second half, as it swells; a dive sinks with the roll from its first stroke, as it dies away.
        var rolls = climbingRolls.Select(r => (Bend: (r.Start + r.End) / 2, r.Start, r.End, Interval: 12))
            .Concat(fallingRolls.Select(r => (Bend: r.Start, r.Start, r.End, Interval: -7)))
            .OrderBy(r => r.Start);
        foreach (var (bend, start, end, interval) in rolls)
        {
            Bend(bass, bend, start, end, interval);
        }
    }

    /// <summary>How long a trap 808 takes to slide into a new section's downbeat.</summary>
    public const double SectionSlideSeconds = 0.2;

    /// <summary>The lowest note an 808 sinks to: E1 (41 Hz), the bottom of a five-string bass.</summary>
    private const int LowestDive = 28;

    private static void Bend(PartBuilder bass, double bend, double start, double end, int interval)
    {
        const double glideSeconds = 0.12;
        var under = bass.Notes.Where(n => n.Start <= start + 1e-6 && n.Start + n.Duration >= end - 1e-6).ToList();
        if (under is not [{ GlideFrom: null } note] || note.Pitch + interval < LowestDive)
        {
            return;
        }

        var (noteEnd, bent) = (note.Start + note.Duration, note.Pitch + interval);
        var landing = bass.Notes.Where(n => Math.Abs(n.Start - end) < 1e-6 && n.GlideFrom == note.Pitch).ToList();
        // The held note's rest goes; a hit on the roll's end stays, and is played again below if it slid from the note.
        bass.Clear(bend, Math.Max(noteEnd, end));
        if (landing.Count > 0)
        {
            bass.Clear(end, end + 1e-6);
        }

        bass.AddGlide(bend, end - bend, bent, note.Velocity, note.Pitch, glideSeconds);
        if (noteEnd > end + 1e-6)
        {
            bass.AddGlide(end, noteEnd - end, note.Pitch, note.Velocity, bent, glideSeconds);
        }

        foreach (var hit in landing)
        {
            bass.AddGlide(hit.Start, hit.Duration, hit.Pitch, hit.Velocity, bent, hit.GlideSeconds);
        }
    }

    private static bool Plays(SongContext song, SongSection section, double energy)
    {
        if (song.Template.Electronic)
        {
            return section.Role is not SectionRole.Breakdown && energy >= 0.42 && !(section.Role == SectionRole.Intro && energy < 0.55);
        }

        return energy >= 0.22 && !(section.Role == SectionRole.Intro && song.Template.Genre is Genre.Cinematic or Genre.HipHop && energy < 0.45);
    }

    private static int ContextPitch(int pitchClass, int low) => SongContext.InRange(pitchClass, low);

    /// <summary>Bars in a hip-hop phrase, whose last one the 808 turns around.</summary>
    public const int PhraseBars = 4;

    /// <summary>
    /// Hip-hop's 808 in a phrase's last bar: the bar's pattern up to its last beat, then a bounce on that beat, root on
    /// the beat, octave and root on its last two sixteenths (the trap 808 sliding up and back down), that hands the
    /// phrase on to the next one's downbeat instead of looping the bar.
    /// </summary>
    private static List<Hit> Turnaround(List<Hit> hits, BassStyle style)
    {
        const int lastBeat = 12;
        var slide = style == BassStyle.Trap808;
        List<Hit> turned = [.. hits.Where(h => h.Step < lastBeat).Select(h => h with { Steps = Math.Min(h.Steps, lastBeat - h.Step) })];
        turned.Add(new(lastBeat, 2, Tone.Root));
        turned.Add(new(14, 1, Tone.Octave, 0.9, Slide: slide));
        turned.Add(new(15, 1, Tone.Root, 0.85, Slide: slide));
        return turned;
    }

    private static List<Hit> Pattern(BassStyle style, SongContext song, double energy, Rng rng)
    {
        var steps = song.StepsPerBar;
        switch (style)
        {
            case BassStyle.LofiRoots:
            {
                var hits = new List<Hit> { new(0, 6, Tone.Root) };
                if (rng.Chance(0.7))
                {
                    hits.Add(new(10, 4, rng.Chance(0.5) ? Tone.Fifth : Tone.Root, 0.9));
                }

                if (rng.Chance(0.5))
                {
                    hits.Add(new(14, 2, Tone.Approach, 0.8));
                }

                return hits;
            }

            case BassStyle.KickLocked:
            case BassStyle.Trap808:
            {
                var grid = song.IsTrap ? "x.........x..x.." : song.Template.Drums.FirstOrDefault(d => d.Note == 36)?.Grid ?? "x.......x.......";
                var kicks = Enumerable.Range(0, steps).Where(s => grid[s % grid.Length] == 'x').ToList();
                var hits = new List<Hit>();
                for (var i = 0; i < kicks.Count; i++)
                {
                    var next = i + 1 < kicks.Count ? kicks[i + 1] : steps;
                    var tone = i > 0 && rng.Chance(0.25) ? Tone.Octave : Tone.Root;

                    // Trap 808s glide: into an octave jump and back, and onto a new chord's root (and into every new section, Write).
                    var slide = style == BassStyle.Trap808 && (tone == Tone.Octave ? rng.Chance(0.7) : rng.Chance(0.45));
                    hits.Add(new(kicks[i], Math.Max(1, next - kicks[i] - (style == BassStyle.Trap808 ? 0 : 1)), tone, Slide: slide));
                }

                return hits;
            }

            case BassStyle.PopPulse:
                return energy < 0.6
                    ? [new(0, 7, Tone.Root), new(8, 5, rng.Chance(0.5) ? Tone.Fifth : Tone.Root, 0.9), new(14, 2, Tone.Approach, 0.8)]
                    : Enumerable.Range(0, 8).Select(i => new Hit(i * 2, 1.7, i == 7 && rng.Chance(0.5) ? Tone.Approach : i == 3 && rng.Chance(0.4) ? Tone.Octave : Tone.Root, i % 2 == 0 ? 1 : 0.88)).ToList();

            case BassStyle.RockEighths:
                return Enumerable.Range(0, 8).Select(i => new Hit(i * 2, 1.8, i == 6 && rng.Chance(0.4) ? Tone.Fifth : Tone.Root, i % 2 == 0 ? 1 : 0.9)).ToList();

            case BassStyle.HouseOffbeat:
                return rng.Chance(0.5)
                    ? [new(2, 1.5, Tone.Root), new(6, 1.5, Tone.Root), new(10, 1.5, Tone.Octave, 0.9), new(13, 1, Tone.Root, 0.85), new(14, 1.5, Tone.Fifth, 0.9)]
                    : [new(2, 1.8, Tone.Root), new(6, 1.8, Tone.Root), new(10, 1.8, Tone.Root), new(14, 1.8, Tone.Octave, 0.9)];

            case BassStyle.TechnoOffbeat:
            {
                var hits = new List<Hit>();
                for (var beat = 0; beat < 4; beat++)
                {
                    // The acid line: at the peak the 16th after an off-beat may slide up an octave and the next
                    // off-beat slide back down, the 303's tied slide steps.
                    // Accents on the first and third off-beats, the others soft: the 303's accent opens its filter
                    // further and snaps it shut faster, so the line pulses in half notes under the sweep.
                    var slidUp = hits.Count > 0 && hits[^1].Tone == Tone.Octave;
                    hits.Add(new(beat * 4 + 2, 1.2, Tone.Root, beat % 2 == 0 ? 1.15 : 0.86, Slide: slidUp));
                    if (energy >= 0.85)
                    {
                        var slide = beat % 2 == 1 && rng.Chance(0.6);
                        hits.Add(new(beat * 4 + 3, slide ? 3 : 0.8, slide ? Tone.Octave : Tone.Root, 0.75, Slide: slide));
                    }
                }

                if (hits[^1].Tone == Tone.Octave)
                {
                    hits[0] = hits[0] with { Slide = true };
                }

                return hits;
            }

            case BassStyle.TranceRolling:
                return Enumerable.Range(0, 4).SelectMany(beat => new[] { 1, 2, 3 }.Select(s => new Hit(beat * 4 + s, 0.9, Tone.Root, s == 1 ? 1 : 0.85))).ToList();

            case BassStyle.Reese:
                // The move to the fifth sounds the dominant under the tonic chord (and the tonic under iv), so a
                // i–iv vamp still says which chord is home.
                return rng.Chance(0.5) ? [new(0, 10, Tone.Root), new(10, 6, Tone.Fifth, 0.9)] : [new(0, 12, Tone.Root), new(12, 4, Tone.Fifth, 0.85)];

            case BassStyle.OctavePulse:
                return energy >= 0.85
                    ? Enumerable.Range(0, 16).Select(i => new Hit(i, 0.85, i % 4 == 2 ? Tone.Octave : Tone.Root, i % 2 == 0 ? 1 : 0.8)).ToList()
                    : Enumerable.Range(0, 8).Select(i => new Hit(i * 2, 1.6, i % 2 == 1 ? Tone.Octave : Tone.Root, i % 2 == 0 ? 1 : 0.85)).ToList();

            case BassStyle.Drone:
                return [new(0, steps, Tone.Root, 0.75)];

            case BassStyle.Pedal:
                return steps == 16 ? [new(0, 7.5, Tone.Root), new(8, 7.5, rng.Chance(0.3) ? Tone.Fifth : Tone.Root, 0.9)] : [new(0, steps - 0.5, Tone.Root)];

            case BassStyle.FunkSlap:
            {
                var variants = new List<Hit>[]
                {
                    // Each figure walks through the chord's third (1–3–5): with only roots, octaves and fifths under
                    // dominant-seventh chords the flat seventh made the groove read as minor.
                    [new(0, 1.5, Tone.Root, 1.1), new(3, 0.5, Tone.Octave), new(6, 1, Tone.Third), new(7, 0.5, Tone.Octave, 0.8), new(10, 1, Tone.Fifth), new(12, 0.5, Tone.Root, 0.8), new(14, 0.5, Tone.Octave), new(15, 0.5, Tone.Approach, 0.8)],
                    [new(0, 2, Tone.Root, 1.1), new(3, 0.5, Tone.Root, 0.8), new(4, 0.5, Tone.Octave), new(7, 1, Tone.Third), new(10, 0.5, Tone.Octave), new(11, 1, Tone.Fifth), new(14, 1, Tone.Root), new(15, 0.5, Tone.Approach, 0.8)],
                };
                return rng.Pick(variants);
            }

            default:
                return [new(0, steps - 1, Tone.Root)];
        }
    }

    /// <summary>
    /// Walking bass: root on beat one, a line through the middle of the bar and an approach into the next root on the
    /// last beat. A bassist varies the shape bar by bar, so the line is chord tones (3rd and 5th) or a scale run
    /// heading for the next root, the approach a chromatic step, the next root's fifth or a scale step, and now and
    /// then, once the band is up, the last beat is a skip: a ghosted eighth before the approach.
    /// </summary>
    private static int Walk(SongContext song, PartBuilder part, int bar, int previous, int low, double energy, Rng rng)
    {
        var barStart = song.Timing.BarStart(bar);
        var beats = (int)Math.Round(song.BarBeats);
        var nextRootClass = song.ChordAt(barStart + song.BarBeats).RootPitchClass;
        var run = rng.Chance(0.4);
        var pitch = previous;
        for (var beat = 0; beat < beats; beat++)
        {
            var start = barStart + beat;
            var chord = song.ChordAt(start);
            var velocity = (beat % 2 == 0 ? 100 : 90) * (0.8 + (0.2 * energy)) + rng.Range(-4, 4);
            int target;
            if (beat == 0)
            {
                target = Nearest(chord.RootPitchClass, pitch, low);
            }
            else if (beat == beats - 1)
            {
                var nextRoot = Nearest(nextRootClass, pitch, low);
                var approach = rng.NextDouble();
                target = approach < 0.5 ? nextRoot + (rng.Chance(0.5) ? -1 : 1)
                    : approach < 0.75 ? Nearest(nextRootClass + 7, pitch, low)
                    : ScaleStep(song.Key, nextRoot, up: pitch >= nextRoot);

                if (energy >= 0.4 && beats >= 3 && rng.Chance(0.15))
                {
                    // The skip: a dead, muted eighth on the beat, the approach on its "and".
                    part.Add(start, 0.3, pitch, velocity * 0.55);
                    part.Add(start + 0.5, 0.42, Math.Clamp(target, low, low + 19), velocity * 0.95);
                    pitch = Math.Clamp(target, low, low + 19);
                    continue;
                }
            }
            else if (run)
            {
                target = ScaleStep(song.Key, pitch, up: Nearest(nextRootClass, pitch, low) >= pitch);
            }
            else
            {
                var tone = chord.PitchClasses[Math.Min(chord.PitchClasses.Count - 1, rng.Pick(new[] { 1, 2, 2 }))];
                target = Nearest(tone, pitch + (rng.Chance(0.5) ? 2 : -2), low);
            }

            pitch = Math.Clamp(target, low, low + 19);
            part.Add(start, 0.92, pitch, velocity);
        }

        return pitch;
    }

    /// <summary>The next pitch of the key's scale above (or below) <paramref name="pitch"/>.</summary>
    private static int ScaleStep(Key key, int pitch, bool up)
    {
        var steps = Scales.Steps(key.Mode);
        var candidate = pitch;
        do
        {
            candidate += up ? 1 : -1;
        }
        while (Array.IndexOf(steps, Scales.PitchClass(candidate - key.Tonic)) < 0);

        return candidate;
    }

    private static int Nearest(int pitchClass, int near, int low)
    {
        var candidate = near - 6 + Scales.PitchClass(pitchClass - (near - 6));
        while (candidate < low)
        {
            candidate += 12;
        }

        while (candidate > low + 19)
        {
            candidate -= 12;
        }

        return candidate;
    }
}
