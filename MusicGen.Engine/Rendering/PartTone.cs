using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// How a genre moves a part's tone over the song, beyond the brightness section energy sets at note-on:
/// tape wow and flutter on lo-fi's pitched parts, a low-pass whose cutoff follows the form (trance pads dark in the
/// intro and breakdown and opening towards the drop; house chords and pad swept in the drop and closing into the
/// breakdown; hip-hop's dark bell; ambient pads drifting slowly), trance's gated pad in the drop, synthwave's pads wider
/// in the bridge, delay throws (ambient's lead on its phrase ends,
/// trance's arp and lead into the breakdown), drum and bass's Reese opening through each phrase, and techno's acid bass, whose cutoff sweeps slowly over the phrases. Every curve is a pure function of the beat
/// (and the wobble of the song frame), so a part sounds the same whether stems are kept or not.
/// </summary>
internal sealed class PartTone
{
    private const float TrancePadOpenHz = 16000f;
    private const float HouseOpenHz = 9000f;

    private readonly Section[] sections;
    private readonly double barBeats;

    /// <summary>The section in which the part plays its first note; −1 when it has none (or the tone does not ask).</summary>
    private int entrySection = -1;

    private PartTone(Score score)
    {
        sections = score.Sections.OrderBy(s => s.StartBeat).ToArray();
        barBeats = score.Meter.QuarterBeatsPerBar;
    }

    /// <summary>Peak pitch deviation of the tape wobble in cents; 0: none.</summary>
    public float WobbleCents { get; private set; }

    /// <summary>The part low-pass's cutoff in Hz at a beat; null: no part low-pass.</summary>
    public Func<double, float>? CutoffHz { get; private set; }

    public float FilterQ { get; private set; } = 0.7071f;

    /// <summary>How far the part's pan has moved from where the composer set it at a beat (−1 … 1); null: it stays put.</summary>
    public Func<double, float>? PanDrift { get; private set; }

    /// <summary>The factor on the part's delay send at a beat (a throw raises it for a phrase's last note); null: as set.</summary>
    public Func<double, float>? DelayThrow { get; private set; }

    /// <summary>
    /// How much wider and slower the part's chorus sweeps at a beat (its depth × this, its rate ÷ this, its wet share ×
    /// half as much); null: as set.
    /// </summary>
    public Func<double, float>? ChorusWidth { get; private set; }

    /// <summary>
    /// The level a rhythmic gate lets through at a beat (1 open, <see cref="GateClosed"/> shut), constant over each
    /// sixteenth; null: no gate.
    /// </summary>
    public Func<double, float>? Gate { get; private set; }

    /// <summary>Octaves added to a note's cutoff at its start beat (<see cref="Synthesis.NoteContext.CutoffOctaves"/>); null: none.</summary>
    public Func<double, float>? NoteCutoffOctaves { get; private set; }

    /// <summary>Hip-hop's bell is dark: its part's low-pass, under the lead.</summary>
    public const float HipHopBellCutoffHz = 2400f;

    /// <summary>The part's tone movement, or null when its genre leaves it as the voices play it.</summary>
    public static PartTone? For(Score score, Part part)
    {
        var pad = part.Instrument is Instrument.SupersawPad or Instrument.WarmPad or Instrument.Strings or Instrument.Choir;
        var tone = new PartTone(score);
        switch (score.Genre)
        {
            // A cassette wobbles everything on it; the drums are left steady so the groove stays put.
            case Genre.LofiHipHop when part.Instrument is not Instrument.DrumKit:
                tone.WobbleCents = 5f;
                return tone;
            case Genre.HipHop when part.Instrument is Instrument.Bell:
                tone.CutoffHz = _ => HipHopBellCutoffHz;
                return tone;
            // Synthwave's bridge drops the drums back and lets the pads drift: a slower, deeper chorus widens them.
            case Genre.Synthwave when pad:
                tone.ChorusWidth = tone.BridgeWidth;
                return tone;
            // Pop's chorus lifts: its pads widen there (a deeper, slower chorus), and close again for the verse.
            case Genre.Pop when pad:
                tone.ChorusWidth = tone.ChorusSectionWidth;
                return tone;
            case Genre.Trance when pad:
                tone.CutoffHz = tone.TrancePadCutoff;
                tone.FilterQ = 1.1f;
                tone.Gate = tone.TranceGate;
                return tone;
            case Genre.House when part.Stem is StemGroup.Harmony:
                tone.entrySection = part.Notes.Count > 0 ? tone.SectionAt(part.Notes.Min(n => n.Start)) : -1;
                tone.CutoffHz = tone.HouseSweepCutoff;
                tone.FilterQ = 1.6f;
                return tone;
            // Ambient pads breathe: a slow low-pass drift, so a chord held for bars keeps changing colour. The strings
            // drift a fifth of a cycle behind the pad, so the two open and close one after the other. They also wander
            // across the stereo field, on opposite sides, so the image keeps widening and narrowing.
            case Genre.Ambient when pad:
                var offset = part.Instrument == Instrument.Strings ? 0.2 : 0.0;
                var side = part.Instrument == Instrument.Strings ? -1f : 1f;
                tone.CutoffHz = beat => AmbientDrift(beat, offset);
                tone.FilterQ = 0.9f;
                tone.PanDrift = beat => side * AmbientWander(beat);
                return tone;
            // In the quiet sections the lead's last note before a rest is thrown into the delay, so the echoes
            // answer the phrase in the space after it.
            case Genre.Ambient when part.Stem is StemGroup.Melody:
                tone.DelayThrow = tone.Throws(part, tone.EndsAQuietPhrase);
                return tone;
            // Trance throws the arp's and the lead's last beat before a breakdown into the delay: the echoes carry the
            // line on into the quiet after the drums drop out.
            case Genre.Trance when part.DelaySend > 0:
                tone.DelayThrow = tone.Throws(part, tone.EndsBeforeABreakdown);
                return tone;
            case Genre.Techno when part.Instrument is Instrument.SynthBass:
                tone.NoteCutoffOctaves = tone.AcidSweep;
                return tone;
            case Genre.DrumAndBass when part.Instrument is Instrument.ReeseBass:
                tone.NoteCutoffOctaves = tone.ReeseOpening;
                return tone;
            default:
                return null;
        }
    }

    /// <summary>
    /// Trance pad: octaves below open fall with the section's energy (1.2 kHz at 0.5, 550 Hz in a 0.35 breakdown, open
    /// at 1). Before a more energetic section the filter opens towards it: over a whole build, over the last half
    /// (at most 8 bars) of anything else.
    /// </summary>
    private float TrancePadCutoff(double beat)
    {
        static double Octaves(double energy) => Math.Max(-5, -(1 - energy) * 7.5);

        var i = SectionAt(beat);
        if (i < 0)
        {
            return TrancePadOpenHz;
        }

        var section = sections[i];
        var octaves = Octaves(section.Energy);
        if (i + 1 < sections.Length && sections[i + 1].Energy > section.Energy)
        {
            var ramp = section.Name.StartsWith("Build", StringComparison.OrdinalIgnoreCase)
                ? section.LengthBeats
                : Math.Min(section.LengthBeats / 2, 8 * barBeats);
            var into = (beat - (section.EndBeat - ramp)) / ramp;
            if (into > 0)
            {
                octaves += (Octaves(sections[i + 1].Energy) - octaves) * Math.Min(1, into);
            }
        }

        return TrancePadOpenHz * MathF.Pow(2f, (float)octaves);
    }

    /// <summary>
    /// House drop (energy ≥ 0.8): chords and pad swept from open (9 kHz) down into their body (four octaves, 560 Hz) and
    /// back about every eight bars, starting open on the drop's downbeat. The sweeps fill the section (up to the close
    /// below), so the last one also ends open: a sweep cut short would jump open on the next section's downbeat with an
    /// audible swish. Into a breakdown the filter closes over the section's last four bars (three octaves, to 1.1 kHz),
    /// and the breakdown opens again over its whole length, so the drums drop out under chords already muffled and the
    /// harmony comes back into the light towards the build. A quieter outro closes it over its whole length. Where the
    /// harmony first comes in after the intro, in a section below the drop's energy (the first build), it comes in closed
    /// three octaves and opens across the section, so the chords rise out of the drums into the first drop. Elsewhere
    /// open.
    /// </summary>
    private float HouseSweepCutoff(double beat)
    {
        var i = SectionAt(beat);
        if (i < 0)
        {
            return HouseOpenHz;
        }

        var section = sections[i];

        // Before the section the harmony enters in, where it is silent, the filter already waits closed for it: its glide
        // would let the first chord in open.
        if (i < entrySection && sections[entrySection].Energy < 0.8)
        {
            return HouseOpenHz * MathF.Pow(2f, HouseClosedOctaves);
        }

        if (IsBreakdown(i))
        {
            var opened = (beat - section.StartBeat) / section.LengthBeats;
            return HouseOpenHz * MathF.Pow(2f, (float)(HouseClosedOctaves * (1 + Math.Cos(Math.PI * Math.Min(1, opened))) / 2));
        }

        // The outro filters the harmony out, as a DJ's outro strips down to the drums: closing over its whole length.
        if (i == sections.Length - 1 && i > 0 && sections[i - 1].Energy - section.Energy >= BreakdownDrop)
        {
            var closed = (beat - section.StartBeat) / section.LengthBeats;
            return HouseOpenHz * MathF.Pow(2f, (float)(HouseClosedOctaves * (1 - Math.Cos(Math.PI * Math.Min(1, closed))) / 2));
        }

        var closing = i + 1 < sections.Length && IsBreakdown(i + 1) ? Math.Min(4 * barBeats, section.LengthBeats / 2) : 0;
        var into = (beat - (section.EndBeat - closing)) / closing;
        if (closing > 0 && into >= 0)
        {
            return HouseOpenHz * MathF.Pow(2f, (float)(HouseClosedOctaves * (1 - Math.Cos(Math.PI * into)) / 2));
        }

        if (i == entrySection && i > 0 && section.Energy < 0.8)
        {
            var opened = (beat - section.StartBeat) / (section.LengthBeats - closing);
            return HouseOpenHz * MathF.Pow(2f, (float)(HouseClosedOctaves * (1 + Math.Cos(Math.PI * Math.Min(1, opened))) / 2));
        }

        if (section.Energy < 0.8)
        {
            return HouseOpenHz;
        }

        var length = section.LengthBeats - closing;
        var period = length / Math.Max(1, Math.Round(length / (8 * barBeats)));
        var phase = (beat - section.StartBeat) / period;
        var dip = (1 - Math.Cos(2 * Math.PI * phase)) / 2;
        return HouseOpenHz * MathF.Pow(2f, (float)(-4 * dip));
    }

    /// <summary>How far (octaves) house's harmony filter closes into a breakdown.</summary>
    private const float HouseClosedOctaves = -3f;

    /// <summary>A quiet section (under <see cref="QuietEnergy"/>) after one at least <see cref="BreakdownDrop"/> louder.</summary>
    private bool IsBreakdown(int i) =>
        i > 0 && i < sections.Length && sections[i].Energy <= QuietEnergy && sections[i - 1].Energy - sections[i].Energy >= BreakdownDrop;

    /// <summary>How much a throw raises the delay send.</summary>
    public const float ThrowGain = 2.5f;

    /// <summary>Section energy up to which the ambient lead's phrase ends are thrown.</summary>
    private const double QuietEnergy = 0.35;

    /// <summary>Beats of rest after a note that make it a phrase's last.</summary>
    private const double PhraseGapBeats = 2;

    /// <summary>Energy a section falls by, to under <see cref="QuietEnergy"/>, for the beat before it to be thrown.</summary>
    private const double BreakdownDrop = 0.25;

    /// <summary>
    /// The delay throws of a part: <see cref="ThrowGain"/> from the start of each note <paramref name="thrown"/> picks
    /// (given the note and the next note's start) until a beat after it ends; 1 elsewhere.
    /// </summary>
    private Func<double, float> Throws(Part part, Func<Note, double, bool> thrown)
    {
        var notes = part.Notes.OrderBy(n => n.Start).ToList();
        var throws = new List<(double Start, double End)>();
        for (var i = 0; i < notes.Count; i++)
        {
            if (thrown(notes[i], i + 1 < notes.Count ? notes[i + 1].Start : double.PositiveInfinity))
            {
                throws.Add((notes[i].Start, notes[i].Start + notes[i].Duration + 1));
            }
        }

        return beat => throws.Exists(t => beat >= t.Start && beat < t.End) ? ThrowGain : 1f;
    }

    /// <summary>A note followed by at least <see cref="PhraseGapBeats"/> of rest in a quiet section.</summary>
    private bool EndsAQuietPhrase(Note note, double next)
    {
        var section = SectionAt(note.Start);
        return next - note.Start >= note.Duration + PhraseGapBeats && section >= 0 && sections[section].Energy <= QuietEnergy;
    }

    /// <summary>A note in the last beat of a section that a breakdown follows (<see cref="IsBreakdown"/>).</summary>
    private bool EndsBeforeABreakdown(Note note, double next)
    {
        var section = SectionAt(note.Start);
        return section >= 0 && note.Start >= sections[section].EndBeat - 1 && IsBreakdown(section + 1);
    }

    /// <summary>
    /// Ambient pad: the cutoff drifts about 1.8 kHz, down into the chord's body (730 Hz) and up to open (4.4 kHz),
    /// over two slow cycles of 14 and 37 beats (10–14 s and 25–37 s at the genre's tempos), so the drift does not
    /// repeat bar by bar. <paramref name="offset"/> shifts both cycles (in cycles).
    /// </summary>
    private static float AmbientDrift(double beat, double offset)
    {
        var octaves = (0.9 * Math.Sin(2 * Math.PI * ((beat / 14) + offset))) + (0.4 * Math.Sin(2 * Math.PI * ((beat / 37) + (0.3 * offset))));
        return 1800f * MathF.Pow(2f, (float)octaves);
    }

    /// <summary>
    /// Ambient pad's place in the stereo field: up to 0.5 either side of where it was set, over a cycle of 29 beats
    /// (22–29 s at the genre's tempos), slower than the colour's drift and out of step with it.
    /// </summary>
    private static float AmbientWander(double beat) => (float)(0.5 * Math.Sin(2 * Math.PI * beat / 29));

    /// <summary>
    /// Acid bass: the cutoff knob turned slowly, closed at the start, fully open after eight bars and closed again
    /// after sixteen (−1.2 … +1.6 octaves), with a slower drift (±0.4 octaves over 40 bars) so the cycles differ.
    /// </summary>
    private float AcidSweep(double beat)
    {
        var bars = beat / barBeats;
        var cycle = (1 - Math.Cos(2 * Math.PI * bars / 16)) / 2;
        var drift = 0.4 * Math.Sin(2 * Math.PI * bars / 40);
        return (float)(-1.2 + (2.8 * cycle) + drift);
    }

    /// <summary>The level of a gate's shut sixteenth: 18 dB down, so the chord still glows between the chops.</summary>
    public const float GateClosed = 0.125f;

    /// <summary>The trance gate's bar of sixteenths, open where 'x': a syncopated 3-3-2 chop.</summary>
    public const string TranceGatePattern = "x.xx.xx.x.xx.xx.";

    /// <summary>
    /// The gate's last bar of each four-bar phrase: the same first half, then two eighths and four open sixteenths that
    /// push into the next phrase's downbeat.
    /// </summary>
    public const string TranceGateTurnaround = "x.xx.xx.x.x.xxxx";

    /// <summary>
    /// Trance's gated pad: in the drop (the loudest section, energy 0.95 or more) the supersaw chords are chopped into a
    /// sixteenth pattern, the trance gate that turns a held chord into a rhythm, with a turnaround in each four-bar
    /// phrase's last bar (counted from the drop's downbeat); open everywhere else.
    /// </summary>
    private float TranceGate(double beat)
    {
        var i = SectionAt(beat);
        if (i < 0 || sections[i].Energy < 0.95)
        {
            return 1f;
        }

        var offset = beat - sections[i].StartBeat;
        var bar = (int)Math.Floor(offset / barBeats);
        var pattern = bar % 4 == 3 ? TranceGateTurnaround : TranceGatePattern;
        var sixteenth = Math.Max(0, (int)Math.Floor((offset - (bar * barBeats)) * 4));
        return pattern[sixteenth % pattern.Length] == 'x' ? 1f : GateClosed;
    }

    /// <summary>The chorus's depth factor (and its rate's divisor) in a synthwave bridge.</summary>
    public const float BridgeChorusWidth = 1.8f;

    private float BridgeWidth(double beat)
    {
        var i = SectionAt(beat);
        return i >= 0 && sections[i].Name.StartsWith("Bridge", StringComparison.OrdinalIgnoreCase) ? BridgeChorusWidth : 1f;
    }

    /// <summary>The chorus's depth factor (and its rate's divisor) in a pop chorus.</summary>
    public const float PopChorusWidth = 1.6f;

    private float ChorusSectionWidth(double beat)
    {
        var i = SectionAt(beat);
        return i >= 0 && sections[i].Name.Contains("Chorus", StringComparison.OrdinalIgnoreCase) ? PopChorusWidth : 1f;
    }

    /// <summary>Bars in a drum and bass phrase, as its edited break counts them.</summary>
    private const int ReesePhraseBars = 4;

    /// <summary>Octaves the Reese's cutoff moves by, bar by bar through a phrase: it opens towards the phrase's end and shuts on the next.</summary>
    private static readonly float[] ReeseSteps = [-0.4f, 0f, 0.45f, 1f];

    /// <summary>
    /// Drum and bass's Reese: the filter opens bar by bar through each four-bar phrase (counted from the section's
    /// start) and shuts again on the next phrase's downbeat, so the bass growls wider into each phrase's chopped last
    /// bar. Set per note, a step a bar: a whole-bar Reese note takes its bar's cutoff.
    /// </summary>
    private float ReeseOpening(double beat)
    {
        var i = SectionAt(beat);
        // A note played a little early (the humaniser's timing) still belongs to the bar it leads into.
        var bar = (int)Math.Floor((beat - (i < 0 ? 0 : sections[i].StartBeat) + 0.1) / barBeats);
        return ReeseSteps[((bar % ReesePhraseBars) + ReesePhraseBars) % ReesePhraseBars];
    }

    private int SectionAt(double beat)
    {
        var found = sections.Length > 0 ? 0 : -1;
        for (var i = 0; i < sections.Length && sections[i].StartBeat <= beat; i++)
        {
            found = i;
        }

        return found;
    }
}
