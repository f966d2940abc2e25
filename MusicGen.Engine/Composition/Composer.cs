using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// Turns a <see cref="MusicBrief"/> into a <see cref="Score"/>: form and energy curve, harmony, drums, bass, comping,
/// pads, arpeggios, risers and melody, then swing and 1/f humanisation. Deterministic: the same brief (seed included)
/// gives an identical score; another seed gives another take. The score lasts exactly the brief's length: the music
/// resolves to the tonic on the last bar and the rest is ring-out.
/// </summary>
public static class Composer
{
    /// <exception cref="ArgumentException">The length, tempo or plan is outside the allowed ranges.</exception>
    public static Score Compose(MusicBrief brief)
    {
        ArgumentNullException.ThrowIfNull(brief);
        BriefLimits.ValidateLength(brief.LengthSeconds, nameof(brief));
        BriefLimits.ValidateBpm(brief.Bpm, nameof(brief));
        brief.Plan?.Validate();

        var template = GenreTemplates.For(brief.Genre);
        var rng = new Rng(brief.Seed ^ Rng.StableHash(brief.Genre.ToString()));
        var timing = SongTiming.For(brief);
        var sections = FormPlanner.Plan(brief, template, timing);
        var keyChange = KeyChange.Plan(template, brief.Key, sections, timing);
        if (brief.Genre is Genre.ClassicalPiano && keyChange is { EndBeat: < double.PositiveInfinity } middle)
        {
            // The middle section's cadenza takes its time at the top of the run (MelodyWriter.Cadenza).
            timing = timing.WithBreathBefore(middle.EndBeat);
        }

        if (brief.Genre is Genre.ClassicalPiano)
        {
            // The varied repeat lingers at its phrase ends (every four bars, and its last bar), where the first statement
            // kept strict time.
            timing = timing.WithPhraseBreaths(sections
                .Where(s => s.Name == "A'")
                .SelectMany(s => Enumerable.Range(1, s.Bars / 4).Select(k => s.StartBar + (4 * k)).Append(s.EndBar))
                .Select(timing.BarStart));
        }

        var chords = HarmonyWriter.Write(template, brief.Key, sections, timing, rng.Fork("harmony"), keyChange);
        var song = new SongContext(brief, template, timing, sections, chords, keyChange);
        var palette = Palette.For(template, brief, rng.Fork("palette"));

        var builders = new List<(PartBuilder Builder, PartRole Role)>();
        void Add(PartBuilder? builder, PartRole role)
        {
            if (builder is not null)
            {
                builders.Add((builder, role));
            }
        }

        Add(DrumWriter.Write(song, rng.Fork("drums")), PartRole.Drums);
        if (palette.RisersAllowed && brief.HasDrums)
        {
            Add(RiserWriter.Write(song, palette.Riser), PartRole.Riser);
        }

        if (palette.Bass is { } bass)
        {
            var line = BassWriter.Write(song, bass, rng.Fork("bass"));
            Add(line, PartRole.Bass);
            if (song.IsTrap && line is not null && builders.FirstOrDefault(b => b.Role == PartRole.Drums).Builder is { } drums)
            {
                BassWriter.AnswerRolls(line, DrumWriter.ClimbingRolls(drums), DrumWriter.FallingRolls(drums));
            }
        }

        if (palette.Comp is { } comp)
        {
            var comping = CompWriter.WriteComp(song, template.Comp, comp, rng.Fork("comp"));
            Add(comping, PartRole.Comp);
            if (comping is not null && builders.FirstOrDefault(b => b.Role == PartRole.Drums).Builder is { } drums)
            {
                DrumWriter.CatchPushes(drums, comping, song);
            }
        }

        if (palette.Pad is { } pad)
        {
            var pads = CompWriter.WritePad(song, pad, rng.Fork("pad"));
            Add(pads, PartRole.Pad);
            if (template.Genre is Genre.Cinematic && pads is not null)
            {
                ClimaxSwells.Apply(pads, song, chord: true);
            }
        }

        if (palette.Arp is { } arp)
        {
            Add(CompWriter.WriteArp(song, arp, rng.Fork("arp")), PartRole.Arp);
        }

        var lyrics = new List<(double Beat, string Text)>();
        if (palette.Lead is { } lead)
        {
            var (melody, lines) = MelodyWriter.Write(song, lead, rng.Fork("melody"));
            Add(melody, PartRole.Lead);
            if (template.Genre is Genre.Cinematic && melody is not null)
            {
                ClimaxSwells.Apply(melody, song, chord: false);
            }

            lyrics = lines;
        }

        if (template.Genre is Genre.Jazz && builders.FirstOrDefault(b => b.Role == PartRole.Drums).Builder is { } kit)
        {
            // The band lays out while the drummer takes a four.
            foreach (var (start, end) in DrumWriter.TradeFours(kit, song, rng.Fork("fours")))
            {
                foreach (var (builder, _) in builders.Where(b => b.Role is PartRole.Bass or PartRole.Comp or PartRole.Pad or PartRole.Arp or PartRole.Lead))
                {
                    builder.Clear(start, end);
                }
            }
        }

        if (template.Genre is Genre.Funk && !brief.ExcludedInstruments.Contains(Instrument.Brass))
        {
            // Last, and on a generator of their own, so the other parts and their humanising stay as they were.
            Add(CompWriter.WriteHornStabs(song, new Rng(brief.Seed ^ Rng.StableHash("funk horns"))), PartRole.Stabs);
        }

        IReadOnlyList<Note> Pitched(PartBuilder builder, PartRole role) =>
            keyChange is null || role is PartRole.Drums or PartRole.Riser ? builder.Notes
            : keyChange.Transpose(builder.Notes, floor: role == PartRole.Bass ? 28 : 36, ceiling: 90);

        var humanRng = rng.Fork("humanise");
        var parts = builders
            .Select(b => Mix(template, b.Builder.ToPart() with
            {
                Notes = Humanizer.Apply(Pitched(b.Builder, b.Role), template, brief.Bpm, timing.MusicBeats, humanRng.Fork(b.Builder.Name)),
            }, b.Role))
            .Where(p => p.Notes.Count > 0)
            .ToList();
        DoubleTrack(template, builders.FirstOrDefault(b => b.Role == PartRole.Comp).Builder, parts, builder =>
            Humanizer.Apply(Pitched(builder, PartRole.Comp), template, brief.Bpm, timing.MusicBeats, humanRng.Fork(builder.Name + " double")));

        var scoreSections = sections
            .Select(s => new Section(
                s.Name,
                timing.BarStart(s.StartBar),
                (s.EndBar >= timing.Bars ? timing.MusicBeats : timing.BarStart(s.EndBar)) - timing.BarStart(s.StartBar),
                s.Energy) { Key = keyChange?.Covers(timing.BarStart(s.StartBar)) == true ? keyChange.Key : null })
            .ToList();
        var scoreChords = chords
            .Select(c => keyChange?.Transpose(c) ?? new Chord(c.StartBeat, c.LengthBeats, c.RootPitchClass, c.Symbol, c.Voicing))
            .ToList();

        return new Score(brief.Genre, brief.Bpm, brief.Meter, brief.Key, brief.LengthSeconds, brief.Seed, scoreSections, scoreChords, parts)
        {
            Swing = template.Swing,
            Lyrics = brief.Instrumental ? [] : lyrics.Select(l => (l.Beat, l.Text)).ToList(),
            MusicEndBeat = timing.MusicBeats,
            TempoChanges = timing.TempoChanges,
        };
    }

    private enum PartRole
    {
        Drums,
        Riser,
        Bass,
        Comp,
        Pad,
        Arp,
        Stabs,
        Lead,
    }

    /// <summary>
    /// Rock's distorted rhythm guitar is tracked twice and the takes panned apart, as records do: two takes that differ
    /// in timing, dynamics and pick noise make the wide wall of guitar one panned take cannot. The pair keeps the
    /// single take's level (two uncorrelated takes at 0.75 each sum to about +0.5 dB).
    /// </summary>
    private static void DoubleTrack(GenreTemplate template, PartBuilder? comp, List<Part> parts, Func<PartBuilder, IReadOnlyList<Note>> secondTake)
    {
        var index = comp is null ? -1 : parts.FindIndex(p => p.Name == comp.Name);
        if (template.Genre != Genre.Rock || index < 0 || parts[index].Instrument != Instrument.DistortedGuitar)
        {
            return;
        }

        var first = parts[index];
        parts[index] = first with { Pan = -0.75, Gain = first.Gain * 0.75 };
        parts.Insert(index + 1, first with { Name = first.Name + " (double)", Notes = secondTake(comp!), Pan = 0.75, Gain = first.Gain * 0.75 });
    }

    private static Part Mix(GenreTemplate template, Part part, PartRole role)
    {
        // The chords, pads, arpeggios and lead against the drums and bass: measured on the genres' stems, this puts
        // harmony and lead some 2–12 LU under the drums (a beat-led mix with the lead clear of the backing) where they
        // sat 10–18 LU under. Ambient's pads already lead its mix, over a bass that carries its slow pulse.
        var music = template.Genre == Genre.Ambient ? 1.0 : 2.0;
        var wet = template.Genre is Genre.Ambient or Genre.Cinematic ? 0.2 : 0.0;
        var duck = template.SidechainPads;
        return role switch
        {
            // Synthwave's snare carries its own gated room; the shared reverb would ring on after the gate closes.
            PartRole.Drums => part with { Gain = 1.0, ReverbSend = template.Genre == Genre.Synthwave ? 0.0 : 0.08 + (wet / 2) },
            PartRole.Riser => part with { Gain = 0.35, ReverbSend = 0.3 },
            // Hip-hop's 808 is a lead voice of the beat, not a floor under it: 4 dB up, some 5 LU under the kit on the
            // stems, where it sat 9 LU under (a plain bass line sits 4–7 LU under).
            PartRole.Bass => part with { Gain = template.Genre == Genre.HipHop ? 1.45 : 0.9, ReverbSend = 0.0, Sidechain = template.Electronic },
            // A string ostinato's short strokes carry far less loudness than held chords: at their level it sat 8 LU
            // under cinematic's choir, which buried the figure that drives the music. 4 dB up, and the choir 4.4 dB down,
            // the two sit level (the ostinato up to 2.5 LU over in a short piece), 4–7 LU under the brass.
            PartRole.Comp => part with
            {
                Gain = 0.6 * music * (template.Comp == CompStyle.Ostinato ? 1.6 : 1.0),
                Pan = part.Instrument is Instrument.CleanGuitar or Instrument.DistortedGuitar ? -0.3 : -0.12,
                ReverbSend = 0.18 + wet,
                Sidechain = duck,
            },
            PartRole.Pad => part with { Gain = 0.45 * music * (template.Comp == CompStyle.Ostinato ? 0.6 : 1.0), ReverbSend = 0.35 + wet, Sidechain = duck },
            PartRole.Arp => part with { Gain = 0.4 * music, Pan = 0.25, ReverbSend = 0.2, DelaySend = 0.25, Sidechain = duck },
            PartRole.Stabs => part with { Gain = 0.28 * music, Pan = 0.2, ReverbSend = 0.15 },
            _ => part with
            {
                // A pluck dies within a beat, so at a held lead's level it carries far less loudness: pop's hook sat
                // 7 LU under its chords. (Ambient's plucked bells stay in the background of its pads.)
                Gain = 0.7 * music * (part.Instrument == Instrument.Pluck && template.Genre != Genre.Ambient ? 2.0 : 1.0),
                Pan = 0.05,
                ReverbSend = 0.22 + wet,
                DelaySend = template.Electronic || template.Genre is Genre.Ambient ? 0.28 : 0.12,
            },
        };
    }
}
