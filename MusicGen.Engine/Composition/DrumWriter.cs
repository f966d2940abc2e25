using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// Drums from the genre's grids: layers enter and leave with the section energy, every fourth bar varies,
/// a fill (snare roll or tom run) announces an energy jump, a crash marks the new section, and the song ends on a hit.
/// Jazz takes brushes in its quiet sections, fills included; funk's sixteenth hats leave gaps; a film score's low
/// drums are timpani; drum and bass edits its break per phrase; trap's hats roll in triplets and thirty-seconds.
/// </summary>
public static class DrumWriter
{
    private const int Kick = 36, Snare = 38, Clap = 39, Hat = 42, OpenHat = 46, Crash = 49, Ride = 51, LowTom = 45, MidTom = 48, HighTom = 50;

    /// <summary>GM's acoustic bass drum: the kick without its rumble (the renderer's <c>DrumVoice.DryKick</c>).</summary>
    private const int DryKick = 35;

    /// <summary>Brush strokes on the snare (see <c>DrumVoice.SoundFor</c>): a tap, and a swirl swept over one beat.</summary>
    public const int BrushTap = 40, BrushSwirl = 74;

    /// <summary>
    /// A film score's timpani (see <c>DrumKitStyle.TimpaniHz</c>), written as GM floor toms in the drum part: tonic
    /// and dominant.
    /// </summary>
    public const int TimpaniTonic = 43, TimpaniDominant = 41;

    /// <summary>
    /// Funk's sixteenths with gaps, one chosen per section: a drummer drops strokes around the accents, and a hat on
    /// all sixteen steps reads as one continuous band of noise. The busier ones play in the louder sections.
    /// </summary>
    private static readonly string[] FunkHatsQuiet = ["x.xgx.xgx.xgx.xg", "x.x.x.xgx.x.x.xg", "x.xgx.x.x.xgx.x."];
    private static readonly string[] FunkHatsBusy = ["x.xgxgxgx.xgxgxg", "xgx.xgxgxgx.xgxg", "x.xgxgx.x.xgxgxg"];

    /// <summary>The two-step's snare on 2 and 4: every edit of the drum and bass break keeps it.</summary>
    private const string Backbeat = "....x.......x...";

    /// <summary>
    /// Drum and bass plays an edited break, not a loop: kicks that shift within the two-step, ghost snares that move
    /// from phrase to phrase, and displaced snare accents late in the phrase.
    /// </summary>
    private static readonly string[] BreakKicks = ["x.........x.....", "x.........x..x..", "x.x.......x.....", "x......x..x.....", "x.........xx...."];
    private static readonly string[] BreakGhosts = [".......g.g....g.", "..g....g.g......", ".g.....g......g.", ".......g.g.g...g", "..g..g.g......g."];
    private static readonly string[] DisplacedSnares = ["....x.......x.x.", "....x..x....x...", "....x.......x..x", "....x.x.....x..."];

    /// <summary>
    /// Trap's hat rolls (span in sixteenths, strokes over it): sixteenth triplets over a beat, eighth triplets over two
    /// beats (the half-time "triplet flow"), thirty-second bursts and thirty-second-triplet bursts over half a beat,
    /// and a three-stroke thirty-second-triplet flick over one sixteenth.
    /// </summary>
    private static readonly (int Span, int Strokes)[] TrapRolls = [(4, 6), (8, 6), (2, 4), (2, 6), (1, 3)];

    private static readonly DrumLayer[] TrapLayers =
    [
        new(Kick, "x.........x..x..", 0.3, Velocity: 118), new(Clap, "........x.......", 0.35, Velocity: 110),
        new(Snare, "........x.......", 0.6, Velocity: 90), new(Hat, "xxxxxxxxxxxxxxxx", 0.45, Velocity: 72),
        new(OpenHat, "......x.........", 0.85, Velocity: 62),
    ];

    /// <summary>True when a kick, snare or clap plays in the section; without one the harmony carries it alone.</summary>
    public static bool CarriesSection(SongContext song, SongSection section) =>
        song.Brief.HasDrums && !section.NoDrums
        && (song.IsTrap ? TrapLayers : song.Template.Drums).Any(l => l.Note is Kick or Snare or Clap or LowTom && section.Energy >= l.MinEnergy && section.Energy < l.MaxEnergy);

    public static PartBuilder? Write(SongContext song, Rng rng)
    {
        var layers = song.IsTrap ? TrapLayers : song.Template.Drums.ToArray();
        if (!song.Brief.HasDrums || layers.Length == 0)
        {
            return null;
        }

        if (!song.IsFourFour)
        {
            layers = Regrid(layers, song.Brief.Meter);
        }

        // A kit of texture only (ambient's shaker) has no drummer to play a fill: a tom run there is a jolt.
        var playsFills = layers.Any(l => l.Note is Kick or Snare or Clap or LowTom);
        var part = new PartBuilder("Drums", Instrument.DrumKit, StemGroup.Drums);
        var steps = song.StepsPerBar;
        var genre = song.Template.Genre;
        var hatSection = -1;
        string? funkHats = null;
        var openHatSteps = new bool[steps];
        var (phraseKick, phraseGhosts) = (BreakKicks[0], BreakGhosts[0]);
        for (var bar = 0; bar < song.Bars; bar++)
        {
            var sectionIndex = song.SectionIndexOfBar(bar);
            var section = song.Sections[sectionIndex];
            if (section.NoDrums)
            {
                continue;
            }

            if (genre == Genre.Funk && song.IsFourFour && sectionIndex != hatSection)
            {
                hatSection = sectionIndex;
                funkHats = rng.Pick(section.Energy >= 0.8 ? FunkHatsBusy : FunkHatsQuiet);
            }

            var barStart = song.Timing.BarStart(bar);
            var energy = section.Energy;
            var scale = 0.72 + (0.28 * energy);
            if (song.IsLastBar(bar))
            {
                if (energy >= 0.3 && layers.Any(l => l.Note == Kick))
                {
                    part.Add(barStart, 0.5, Kick, 115 * scale);
                    // Lo-fi and hip-hop close on a soft crash: a full one is louder than anything before it in a quiet song.
                    var closing = genre is Genre.LofiHipHop or Genre.HipHop ? 72 : genre == Genre.Funk ? 90 : 105;
                    part.Add(barStart, Math.Min(4, song.Timing.BarLength(bar)), genre == Genre.Jazz ? Ride : Crash, closing * scale);
                }

                continue;
            }

            var barInSection = bar - section.StartBar;
            var lastOfSection = bar == section.EndBar - 1;
            var fill = playsFills && lastOfSection && (song.EnergyJumpsAfter(sectionIndex) || (!song.Template.Electronic && sectionIndex + 1 < song.Sections.Count && rng.Chance(0.5)));
            var bigJump = song.EnergyJumpsAfter(sectionIndex, 0.3);
            var crescendo = fill && bigJump && genre == Genre.Cinematic;
            var fillFromStep = !fill ? steps : crescendo ? 0 : steps - (bigJump ? 8 : 4);
            var brushes = PlaysBrushes(song, energy);
            (string Kick, string Snare, string Ghosts, int CutBeat)? edit = null;
            if (genre == Genre.DrumAndBass && song.IsFourFour)
            {
                if (barInSection % 4 == 0)
                {
                    (phraseKick, phraseGhosts) = (rng.Pick(BreakKicks), rng.Pick(BreakGhosts));
                }

                edit = EditedBreak(barInSection % 4, lastOfSection && sectionIndex + 1 < song.Sections.Count, phraseKick, phraseGhosts, rng);
            }

            MarkOpenHats(layers, energy, openHatSteps);
            var hatRolls = song.IsTrap && song.IsFourFour ? PlanTrapRolls(energy, openHatSteps, Math.Min(steps, fillFromStep), rng) : [];
            foreach (var layer in layers)
            {
                if (energy < layer.MinEnergy || energy >= layer.MaxEnergy)
                {
                    continue;
                }

                var grid = (layer.Note == Hat && funkHats is not null ? funkHats : layer.Grid).Replace("|", "", StringComparison.Ordinal);
                var ghostLayer = grid.Contains('g', StringComparison.Ordinal);
                if (edit is { } cut)
                {
                    grid = layer.Note == Kick ? cut.Kick : layer.Note == Snare ? (ghostLayer ? cut.Ghosts : cut.Snare) : grid;
                }

                for (var step = 0; step < steps && step < fillFromStep; step++)
                {
                    var symbol = grid[step % grid.Length];
                    // One hi-hat cannot be closed and open at once: the open stroke takes the step.
                    if (symbol == '.' || (layer.Note == Hat && openHatSteps[step]))
                    {
                        continue;
                    }

                    // An edited break: a ghost gives way to a displaced snare on its step, and the cut beat's
                    // cymbals and shaker drop out under the kick and snare.
                    if (edit is { } e && ((layer.Note == Snare && ghostLayer && e.Snare[step] != '.')
                        || (layer.Note is not (Kick or Snare) && step / 4 == e.CutBeat)))
                    {
                        continue;
                    }

                    var velocity = layer.Velocity * scale * symbol switch { 'g' => 0.45, 'o' or 'X' => 1.08, _ => 1.0 };
                    velocity *= step % 4 == 0 ? 1.05 : step % 2 == 1 ? 0.9 : 1.0;
                    if (layer.Note == Ride)
                    {
                        velocity *= RideAccent(genre, step);
                    }

                    // Funk leans on the quarter: the "and" sits back, so the sixteenths pulse instead of hissing flat.
                    if (layer.Note == Hat && genre == Genre.Funk && step % 4 == 2)
                    {
                        velocity *= 0.8;
                    }

                    velocity += rng.Range(-5, 5);
                    var duration = layer.Note is OpenHat ? 0.5 : 0.25;
                    if (layer.Note == Hat && hatRolls.FirstOrDefault(r => step >= r.Start && step < r.Start + r.Span) is { Span: > 0 } roll)
                    {
                        if (step == roll.Start)
                        {
                            AddTrapRoll(part, barStart + (step * 0.25), roll, layer.Velocity * scale);
                        }

                        continue;
                    }

                    // With brushes the right hand taps the ride's pattern on the snare.
                    var note = brushes && layer.Note == Ride ? BrushTap : layer.Note;
                    if (genre == Genre.Cinematic && layer.Note == LowTom)
                    {
                        // The score's low drum on the strong beats is the timpani: the tonic on the half bars, the
                        // dominant as the pickup into them ("boom ... da-DOOM").
                        note = step % 8 == 0 ? TimpaniTonic : TimpaniDominant;
                        duration = 1;
                    }

                    part.Add(barStart + (step * 0.25), duration, note, velocity);
                }
            }

            if (genre == Genre.DrumAndBass && song.IsFourFour && section.Role == SectionRole.Intro && section.Bars >= 4 && barInSection >= section.Bars / 2)
            {
                // The intro's second half falls into half time under its hats: a kick on the one and a snare on three,
                // the beat at half the tempo (87 over 174), which the drop then doubles into the two-step.
                part.Add(barStart, 0.5, Kick, 108 * scale);
                if (fillFromStep > 8)
                {
                    part.Add(barStart + 2, 0.5, Snare, 100 * scale);
                }
            }

            if (genre == Genre.Jazz && energy >= 0.45)
            {
                for (var step = 2; step < fillFromStep; step += 4)
                {
                    if (rng.Chance(0.18 * energy))
                    {
                        part.Add(barStart + (step * 0.25), 0.25, brushes ? BrushTap : Snare, 45 + rng.Range(0, 15));
                    }
                }
            }

            if (brushes)
            {
                // The left hand sweeps the head in a circle each beat: a soft, continuous "shh" that pulses with the time.
                for (var step = 0; step < fillFromStep; step += 4)
                {
                    part.Add(barStart + (step * 0.25), 1, BrushSwirl, 62 + rng.Range(-4, 4));
                }
            }

            // Drum and bass varies its bars through the edited break instead.
            var varies = !song.Template.Electronic;
            if (barInSection % 4 == 3 && !fill && song.IsFourFour && varies && energy >= 0.5 && rng.Chance(0.6))
            {
                part.Add(barStart + (rng.Pick(new[] { 7, 11, 14 }) * 0.25), 0.25, Kick, 95 * scale);
            }

            if (crescendo)
            {
                // A roll into a lifted key rolls on the new key's dominant, which the bar's harmony prepares.
                var next = barStart + song.BarBeats;
                var into = song.KeyChange is { } change && change.Covers(next) && !change.Covers(barStart) ? change.Key.Tonic : (int?)null;
                WriteCrescendoRoll(part, barStart, steps, into, rng);
            }
            else if (fill && brushes)
            {
                WriteBrushFill(part, barStart, fillFromStep, steps, scale, rng);
            }
            else if (fill)
            {
                WriteFill(part, song, barStart, fillFromStep, steps, scale, rng);
            }

            if (barInSection == 0 && energy >= 0.55 && bar > 0
                && (song.Sections[Math.Max(0, sectionIndex - 1)].Energy < energy - 0.05 || !song.Template.Electronic)
                && genre != Genre.Jazz)
            {
                // Funk marks a section with a short, lighter crash: the groove's sixteenths carry on under it.
                part.Add(barStart, 2, Crash, (genre == Genre.Funk ? 82 : 108) * scale);
            }
        }

        if (genre == Genre.Techno)
        {
            // Techno takes its kick's rumble out for the two bars before a drop, so the drop lands with it.
            for (var i = 1; i < song.Sections.Count; i++)
            {
                if (song.Sections[i].Role == SectionRole.Drop && song.Sections[i - 1].Role != SectionRole.Drop)
                {
                    var drop = song.Timing.BarStart(song.Sections[i].StartBar);
                    part.Replace(drop - (2 * song.BarBeats), drop, Kick, DryKick);
                }
            }
        }

        return part.Count > 0 ? part : null;
    }

    /// <summary>
    /// Where this bar's hat rolls go: one or two (two only when the section is loud), each of a kind picked per bar,
    /// ramping up or down. They lead into the half-time snare (beat 3) or the next bar, or answer the snare, so the
    /// hats move around the backbeat instead of ticking straight through it.
    /// </summary>
    private static (int Start, int Span, int Strokes, bool Up)[] PlanTrapRolls(double energy, bool[] openHatSteps, int endStep, Rng rng)
    {
        if (rng.Chance(0.15))
        {
            return [];
        }

        var count = energy >= 0.8 && rng.Chance(0.4) ? 2 : 1;
        var rolls = new List<(int Start, int Span, int Strokes, bool Up)>();
        // The roll's end lands on a beat: the snare's (step 8) or the next bar's downbeat (16), or it follows the snare.
        int[] ends = [8, 16, 12];
        foreach (var end in ends.OrderBy(_ => rng.NextDouble()))
        {
            var (span, strokes) = rng.Pick(TrapRolls);
            var start = end - span;
            // Not over another roll, the open hat (it would be choked) or the fill: then the next place is tried.
            if (end > endStep || rolls.Any(r => start < r.Start + r.Span && r.Start < end) || openHatSteps.AsSpan(start, span).Contains(true))
            {
                continue;
            }

            rolls.Add((start, span, strokes, rng.Chance(0.7)));
            if (rolls.Count == count)
            {
                break;
            }
        }

        return [.. rolls];
    }

    /// <summary>
    /// A trap hat roll: evenly spaced strokes over the span with a velocity ramp, usually a crescendo into the beat it
    /// leads to (producers draw these as a ramp on the hats' velocity), sometimes dying away. A roll of six strokes also
    /// climbs a semitone a stroke as it swells, or falls as it dies away: the pitched roll of trap hats.
    /// </summary>
    private const int ClimbingStrokes = 6;

    private static void AddTrapRoll(PartBuilder part, double start, (int Start, int Span, int Strokes, bool Up) roll, double velocity)
    {
        var length = roll.Span * 0.25 / roll.Strokes;
        for (var i = 0; i < roll.Strokes; i++)
        {
            var x = roll.Strokes == 1 ? 1.0 : (double)i / (roll.Strokes - 1);
            var ramp = roll.Up ? 0.5 + (0.55 * x) : 1.05 - (0.5 * x);
            var tune = roll.Strokes >= ClimbingStrokes ? (roll.Up ? i : -i) : 0;
            part.AddTunedHat(start + (i * length), length, Hat, velocity * ramp, tune);
        }
    }

    /// <summary>
    /// One bar of drum and bass's edited break within its four-bar phrase: the plain two-step opens the phrase, the
    /// phrase's own kick and ghost notes follow, the third bar moves the ghosts, and the fourth shifts the kick and
    /// puts a displaced snare accent into the second half. The bar before a new section is chopped up: the kick's beat
    /// re-cut, the hats cut out for one beat, and the last backbeat stuttered in sixteenths. The snare keeps 2 and 4.
    /// </summary>
    private static (string Kick, string Snare, string Ghosts, int CutBeat) EditedBreak(int barInPhrase, bool chop, string phraseKick, string phraseGhosts, Rng rng)
    {
        if (chop)
        {
            var kick = "x......." + rng.Pick(["x.x.", "..x.", "x..x"]) + "....";
            return (kick, "....x......." + rng.Pick(["xxxx", "x.xx", "xxx."]), "..g.............", rng.Pick([1, 2]));
        }

        return barInPhrase switch
        {
            0 => (BreakKicks[0], Backbeat, BreakGhosts[0], -1),
            1 => (phraseKick, Backbeat, phraseGhosts, -1),
            2 => (phraseKick, Backbeat, rng.Pick(BreakGhosts), -1),
            _ => (BreakKicks[1 + rng.Next(0, BreakKicks.Length - 1)], rng.Pick(DisplacedSnares), phraseGhosts, -1),
        };
    }

    /// <summary>
    /// A jazz drummer catches the pianist's pushes: where the comping plays the next bar's chord on the "and" of four,
    /// the snare (a brush slap in brush sections) accents it with them, and from energy 0.75 the bass drum drops a
    /// "bomb" under it. The comping is written after the drums, so this reads its finished notes.
    /// </summary>
    public static void CatchPushes(PartBuilder drums, PartBuilder comp, SongContext song)
    {
        if (song.Template.Genre != Genre.Jazz)
        {
            return;
        }

        foreach (var start in comp.Notes.Select(n => (n.Start, End: n.Start + n.Duration)).Where(n => IsPush(song, n.Start, n.End)).Select(n => n.Start).Distinct())
        {
            var energy = song.SectionOfBar(BarOf(song, start)).Energy;
            var scale = 0.72 + (0.28 * energy);
            if (PlaysBrushes(song, energy))
            {
                drums.Accent(start, 0.25, BrushTap, 78 * scale);
                continue;
            }

            drums.Accent(start, 0.25, Snare, 92 * scale);
            if (energy >= 0.75)
            {
                drums.Accent(start, 0.25, Kick, 88 * scale);
            }
        }
    }

    /// <summary>The spans (start and end beat) of the trap hat rolls that climb in pitch (<see cref="AddTrapRoll"/>).</summary>
    public static IEnumerable<(double Start, double End)> ClimbingRolls(PartBuilder drums) => PitchedRolls(drums, ClimbingStrokes - 1);

    /// <summary>The spans (start and end beat) of the trap hat rolls that fall in pitch as they die away.</summary>
    public static IEnumerable<(double Start, double End)> FallingRolls(PartBuilder drums) => PitchedRolls(drums, 1 - ClimbingStrokes);

    /// <summary>The spans of the pitched rolls whose last stroke is tuned <paramref name="lastTune"/> semitones.</summary>
    private static IEnumerable<(double Start, double End)> PitchedRolls(PartBuilder drums, int lastTune) =>
        drums.Notes
            .Where(n => n.Pitch == Hat && n.HatTune == lastTune)
            .Select(last => (last.Start - (Math.Abs(lastTune) * last.Duration), last.Start + last.Duration));

    /// <summary>
    /// Jazz trades fours at the end of a long solo: the soloist plays four bars, the drummer answers with four alone,
    /// and so on until the head comes back. The second half of a solo of 16 bars or more, in whole pairs of fours and
    /// ending on the drummer's, with sticks (not in a brush section). Writes the drummer's fours into
    /// <paramref name="drums"/> and returns their spans (start and end beat), for the band to lay out in.
    /// </summary>
    public static IReadOnlyList<(double Start, double End)> TradeFours(PartBuilder drums, SongContext song, Rng rng)
    {
        if (song.Template.Genre != Genre.Jazz || !song.IsFourFour)
        {
            return [];
        }

        var fours = new List<(double Start, double End)>();
        foreach (var solo in song.Sections.Where(s => s.Role == SectionRole.Solo && s.Bars >= 16 && !PlaysBrushes(song, s.Energy) && !s.NoDrums))
        {
            for (var pair = solo.Bars / 16; pair >= 1; pair--)
            {
                var first = solo.EndBar - (8 * pair) + 4;
                var (start, end) = (song.Timing.BarStart(first), song.Timing.BarStart(first + 4));
                drums.Clear(start, end);
                WriteDrumFour(drums, start, solo.Energy, rng);
                drums.Accent(end, 1, Crash, 100);
                drums.Accent(end, 0.5, Kick, 90);
                fours.Add((start, end));
            }
        }

        return fours;
    }

    /// <summary>
    /// Four bars of drum solo over the form: the hi-hat's foot keeps 2 and 4, and each beat is a cell around the kit
    /// (a snare triplet, kick and snare, a pair of toms, snare eighths, or space on the ride), busier bar by bar, the
    /// last beat a run down the toms into the soloist's next downbeat.
    /// </summary>
    private static void WriteDrumFour(PartBuilder part, double start, double energy, Rng rng)
    {
        const int pedalHat = 44, floorTom = 41;
        var scale = 0.8 + (0.2 * energy);
        for (var beat = 0; beat < 16; beat++)
        {
            var at = start + beat;
            if (beat % 2 == 1)
            {
                part.Add(at, 0.25, pedalHat, 62);
            }

            if (beat == 15)
            {
                int[] run = [HighTom, MidTom, LowTom, floorTom];
                for (var i = 0; i < run.Length; i++)
                {
                    part.Add(at + (i * 0.25), 0.25, run[i], (96 + (6 * i)) * scale);
                }

                continue;
            }

            // Space in the first bar is likelier; the last bars fill up.
            var busy = 0.45 + (0.15 * (beat / 4));
            var cell = rng.Chance(1 - busy) ? 0 : rng.Next(1, 5);
            switch (cell)
            {
                case 0:
                    part.Add(at, 0.5, Ride, 78 * scale);
                    break;
                case 1:
                    for (var i = 0; i < 3; i++)
                    {
                        part.Add(at + (i / 3.0), 1 / 3.0, Snare, (i == 0 ? 108 : 80 + (6 * i)) * scale);
                    }

                    break;
                case 2:
                    part.Add(at, 0.5, Kick, 96 * scale);
                    part.Add(at + 0.5, 0.5, Snare, 104 * scale);
                    break;
                case 3:
                    part.Add(at, 0.5, HighTom, 100 * scale);
                    part.Add(at + 0.5, 0.5, MidTom, 94 * scale);
                    break;
                default:
                    part.Add(at, 0.5, Snare, 96 * scale);
                    part.Add(at + 0.5, 0.5, Snare, 74 * scale);
                    break;
            }
        }
    }

    private static int BarOf(SongContext song, double beat) => (int)Math.Floor((beat / song.BarBeats) + 1e-9);

    /// <summary>A stroke half a beat before a barline that holds into the next bar.</summary>
    private static bool IsPush(SongContext song, double start, double end)
    {
        var bar = BarOf(song, start);
        var next = song.Timing.BarStart(bar + 1);
        return bar + 1 < song.Bars && Math.Abs(next - 0.5 - start) < 1e-6 && end > next + 1e-6;
    }

    /// <summary>
    /// Jazz drummers take brushes for the quiet choruses and ballads and sticks when the band opens up: below
    /// energy 0.6, or below 0.75 at a ballad's tempo (90 BPM or slower).
    /// </summary>
    private static bool PlaysBrushes(SongContext song, double energy) =>
        song.Template.Genre == Genre.Jazz && (energy < 0.6 || (song.Brief.Bpm <= 90 && energy < 0.75));

    /// <summary>Marks the steps of the bar where an open hat plays at this energy.</summary>
    private static void MarkOpenHats(DrumLayer[] layers, double energy, bool[] openHatSteps)
    {
        Array.Clear(openHatSteps);
        foreach (var layer in layers)
        {
            if (layer.Note != OpenHat || energy < layer.MinEnergy || energy >= layer.MaxEnergy)
            {
                continue;
            }

            var grid = layer.Grid.Replace("|", "", StringComparison.Ordinal);
            for (var step = 0; step < openHatSteps.Length; step++)
            {
                openHatSteps[step] |= grid[step % grid.Length] != '.';
            }
        }
    }

    /// <summary>
    /// A ride played at one level is a flat wash: rock leans on the beat and plays the off-beat eighths
    /// lighter; jazz accents 2 and 4 ("ding ding-a ding") and keeps the skip notes soft.
    /// </summary>
    private static double RideAccent(Genre genre, int step) => genre == Genre.Jazz
        ? (step % 8) switch { 4 => 1.15, 0 => 0.9, _ => 0.65 }
        : step % 4 == 0 ? 1.0 : 0.75;

    private static void WriteFill(PartBuilder part, SongContext song, double barStart, int fromStep, int steps, double scale, Rng rng)
    {
        if (song.Template.Genre == Genre.Synthwave)
        {
            WriteGatedTomFill(part, barStart, fromStep, steps, scale);
            return;
        }

        var electronic = song.Template.Electronic || song.Template.Genre is Genre.HipHop;
        if (electronic)
        {
            var count = steps - fromStep;
            for (var i = 0; i < count; i++)
            {
                var ramp = 0.55 + (0.45 * i / count);
                var step = fromStep + i;
                var note = song.Template.Genre is Genre.House or Genre.Trance ? Clap : Snare;
                if (i >= count - 4 && song.Template.Genre == Genre.Trance)
                {
                    AddRoll(part, barStart + (step * 0.25), 0.25, 2, note, 115 * scale * ramp);
                    continue;
                }

                part.Add(barStart + (step * 0.25), 0.25, note, 115 * scale * ramp);
            }

            part.Add(barStart + (fromStep * 0.25), 0.25, Kick, 110 * scale);
            return;
        }

        int[] toms = song.Template.Genre == Genre.Cinematic ? [MidTom, MidTom, TimpaniTonic, TimpaniDominant] : [HighTom, HighTom, MidTom, MidTom, LowTom, LowTom];
        for (var step = fromStep; step < steps; step++)
        {
            var i = step - fromStep;
            var note = rng.Chance(0.3) ? Snare : toms[Math.Min(toms.Length - 1, i * toms.Length / Math.Max(1, steps - fromStep))];
            if (i % 2 == 1 && rng.Chance(0.25))
            {
                continue;
            }

            part.Add(barStart + (step * 0.25), 0.25, note, (95 + (i * 2)) * scale);
        }

        part.Add(barStart + (fromStep * 0.25), 0.25, Kick, 105 * scale);
    }

    /// <summary>
    /// Synthwave's fill is the 80s tom run through the gated room: sixteenths from the high tom down to the floor, and
    /// in a fill of two beats or more the last beat on the floor tom in eighths with the kick under it, every stroke
    /// swelling. The run's gaps belong to the gate, so no stroke is left out.
    /// </summary>
    private static void WriteGatedTomFill(PartBuilder part, double barStart, int fromStep, int steps, double scale)
    {
        const int FloorTom = 41;
        int[] toms = [HighTom, MidTom, LowTom, FloorTom];
        var count = steps - fromStep;
        var run = count >= 8 ? count - 4 : count;
        for (var i = 0; i < count; i++)
        {
            var step = fromStep + i;
            var velocity = (92 + (16.0 * i / count)) * scale;
            if (i < run)
            {
                part.Add(barStart + (step * 0.25), 0.25, toms[i * toms.Length / run], velocity);
            }
            else if (i % 2 == 0)
            {
                part.Add(barStart + (step * 0.25), 0.25, FloorTom, velocity);
                part.Add(barStart + (step * 0.25), 0.25, Kick, 100 * scale);
            }
        }

        part.Add(barStart + ((steps - 1) * 0.25), 0.25, Kick, 95 * scale);
    }

    /// <summary>
    /// A fill played with the brushes still in hand: a drummer does not pick up sticks for two beats. The left hand's
    /// swirl carries on and swells beat by beat (the brush player's crescendo, where sticks would roll), while the
    /// right hand taps eighths on the snare and walks down the toms, soft as a brush makes them, and lands a slap
    /// on the snare on the last eighth. The humanizer swings the eighths with the rest of the kit.
    /// </summary>
    private static void WriteBrushFill(PartBuilder part, double barStart, int fromStep, int steps, double scale, Rng rng)
    {
        var count = steps - fromStep;
        for (var step = fromStep; step < steps; step += 4)
        {
            var rise = (step - fromStep + 4.0) / count;
            part.Add(barStart + (step * 0.25), 1, BrushSwirl, 64 + (28 * rise));
        }

        int[] toms = [HighTom, MidTom, LowTom];
        for (var step = fromStep; step < steps; step += 2)
        {
            var i = step - fromStep;
            var last = step + 2 >= steps;
            // The first half stays on the snare, the second moves round the toms: the fill travels, then comes home.
            var onToms = !last && i >= count / 2;
            if (i > 0 && !last && rng.Chance(0.2))
            {
                continue;
            }

            var velocity = (last ? 96 : 58 + (26.0 * i / count)) * scale + rng.Range(-4, 4);
            var note = onToms ? toms[Math.Min(toms.Length - 1, (i - (count / 2)) * toms.Length / Math.Max(1, count / 2))] : BrushTap;
            // A brush on a tom is a soft thud: the stick fill's 95–110 would stand out of a brush section.
            part.Add(barStart + (step * 0.25), 0.5, note, onToms ? velocity * 0.8 : velocity);
        }

        // The bass drum feathers the fill's first beat, as it does under the brushes' time.
        part.Add(barStart + (fromStep * 0.25), 0.25, Kick, 60 * scale);
    }

    /// <summary>
    /// The orchestral build into a climax: a timpani roll on the dominant over the whole bar, single strokes
    /// alternating hands in 32nds and swelling from pianissimo to fortissimo, with the snare joining for the second
    /// half; the climax's crash and the tonic timpani land on the next downbeat, the roll resolving into it.
    /// <paramref name="kitTonic"/>: the key the climax arrives in, when it changes (the drums are tuned to it).
    /// </summary>
    private static void WriteCrescendoRoll(PartBuilder part, double barStart, int steps, int? kitTonic, Rng rng)
    {
        for (var step = 0; step < steps; step++)
        {
            var swell = 30 + (90 * Math.Pow((step + 1.0) / steps, 1.5));
            for (var stroke = 0; stroke < 2; stroke++)
            {
                // Hands are not machines: the strokes land a few milliseconds off the grid, and the weaker hand plays a
                // little softer. A drum struck exactly in time adds its ringing tone in the same few phases over and
                // over, and the roll would beat and thin out instead of sustaining one humming note.
                var jitter = rng.Range(-0.02, 0.02);
                var (start, velocity) = (barStart + (step * 0.25) + (stroke * 0.125) + jitter, swell * (stroke == 0 ? 1.0 : 0.9));
                if (kitTonic is { } tonic)
                {
                    part.AddTuned(start, 0.125, TimpaniDominant, velocity, tonic);
                }
                else
                {
                    part.Add(start, 0.125, TimpaniDominant, velocity);
                }
            }

            if (step >= steps / 2)
            {
                part.Add(barStart + (step * 0.25), 0.25, Snare, swell * 0.85);
            }
        }
    }

    private static void AddRoll(PartBuilder part, double start, double length, int subdivisions, int note, double velocity)
    {
        for (var i = 0; i < subdivisions; i++)
        {
            part.Add(start + (i * length / subdivisions), length / subdivisions, note, velocity * (0.7 + (0.3 * i / subdivisions)));
        }
    }

    /// <summary>3/4 and 6/8 keep the genre's instruments but play them on a 12-step bar: kick on one, backbeat on beat(s) after it.</summary>
    private static DrumLayer[] Regrid(DrumLayer[] layers, Meter meter)
    {
        var sixEight = meter == Meter.SixEight;
        var result = new List<DrumLayer>();
        foreach (var layer in layers)
        {
            var grid = layer.Note switch
            {
                Kick or LowTom => "x...........",
                Snare or Clap or 37 or MidTom => sixEight ? "......x....." : "....x...x...",
                Hat or Ride or 70 => "x.x.x.x.x.x.",
                OpenHat => "..........x.",
                _ => null,
            };
            if (grid is not null && !layer.Grid.Contains('g', StringComparison.Ordinal) && result.All(r => r.Note != layer.Note))
            {
                result.Add(layer with { Grid = grid });
            }
        }

        return [.. result];
    }
}
