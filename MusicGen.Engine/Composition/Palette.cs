using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Composition;

/// <summary>
/// Which instrument plays each role: the genre's palette, overridden by instruments the brief asks for
/// (each goes to the slot it suits) and with excluded ones replaced or dropped.
/// </summary>
public sealed record Palette(Instrument? Bass, Instrument? Comp, Instrument? Pad, Instrument? Lead, Instrument? Arp, bool Riser)
{
    private static readonly Instrument[] BassKinds = [Instrument.SubBass, Instrument.SynthBass, Instrument.ReeseBass, Instrument.PluckBass, Instrument.UprightBass];
    private static readonly Instrument[] CompKinds = [Instrument.Piano, Instrument.ElectricPiano, Instrument.Organ, Instrument.CleanGuitar, Instrument.DistortedGuitar];
    private static readonly Instrument[] PadKinds = [Instrument.WarmPad, Instrument.SupersawPad, Instrument.Strings, Instrument.Choir];
    private static readonly Instrument[] LeadKinds = [Instrument.SawLead, Instrument.SquareLead, Instrument.Bell, Instrument.Brass, Instrument.Pluck];

    public static Palette For(GenreTemplate template, MusicBrief brief, Rng rng)
    {
        var excluded = brief.ExcludedInstruments;
        Instrument? bass = template.Bass == BassStyle.None ? null : template.BassInstrument;
        Instrument? comp = template.CompInstrument;
        var pad = template.PadInstrument;
        Instrument? lead = template.LeadAlternatives.Count > 0 ? rng.Pick(template.LeadAlternatives) : template.LeadInstrument;
        if (lead == comp)
        {
            lead = template.LeadInstrument;
        }
        var arp = template.ArpInstrument;
        var padRequested = false;
        var leadRequested = false;
        foreach (var wanted in brief.Instruments)
        {
            if (BassKinds.Contains(wanted) && bass is not null)
            {
                bass = wanted;
            }
            else if (CompKinds.Contains(wanted) && comp != wanted && lead != wanted)
            {
                if (comp is not null && CompKinds.Contains(comp.Value) && !brief.Instruments.Contains(comp.Value))
                {
                    comp = wanted;
                }
                else if (!leadRequested)
                {
                    lead = wanted;
                    leadRequested = true;
                }
            }
            else if (PadKinds.Contains(wanted) && !padRequested && comp != wanted)
            {
                pad = wanted;
                padRequested = true;
            }
            else if (LeadKinds.Contains(wanted) && lead != wanted)
            {
                if (!leadRequested)
                {
                    lead = wanted;
                    leadRequested = true;
                }
                else if (wanted == Instrument.Pluck)
                {
                    arp = wanted;
                }
                else if (!padRequested)
                {
                    pad = wanted;
                    padRequested = true;
                }
            }
        }

        if (excluded.Any(BassKinds.Contains))
        {
            bass = null;
        }

        comp = Replace(comp, excluded, [Instrument.Piano, Instrument.ElectricPiano, Instrument.WarmPad, Instrument.Strings, Instrument.Pluck]);
        lead = Replace(lead, excluded, [Instrument.Pluck, Instrument.Bell, Instrument.SawLead, Instrument.SquareLead, Instrument.Strings]);
        pad = pad is { } p && excluded.Contains(p) ? null : pad;
        arp = arp is { } a && excluded.Contains(a) ? null : arp;
        var riser = brief.Instruments.Contains(Instrument.NoiseRiser) && !excluded.Contains(Instrument.NoiseRiser);
        return new Palette(bass, comp, pad, lead, arp, riser)
        {
            RisersAllowed = !excluded.Contains(Instrument.NoiseRiser),
        };
    }

    public bool RisersAllowed { get; init; } = true;

    private static Instrument? Replace(Instrument? current, IReadOnlyList<Instrument> excluded, Instrument[] fallbacks) =>
        current is { } value && excluded.Contains(value)
            ? fallbacks.Where(f => !excluded.Contains(f)).Select(f => (Instrument?)f).FirstOrDefault()
            : current;
}
