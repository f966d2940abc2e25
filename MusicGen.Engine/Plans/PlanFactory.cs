using System.Globalization;
using MusicGen.Engine.Composition;
using MusicGen.Engine.Prompting;
using MusicGen.Engine.Scores;

namespace MusicGen.Engine.Plans;

/// <summary>
/// Produces an ElevenLabs-style composition plan from a prompt or brief: the composer's own form for that genre and
/// length, with global styles naming genre, mood, tempo, key and instruments, and local styles per section.
/// Sections are merged or split so every one lasts 3–120 s; durations add up to the exact length.
/// </summary>
public static class PlanFactory
{
    /// <exception cref="ArgumentException">Bad prompt or length (see <see cref="PromptParser.Parse"/>).</exception>
    public static CompositionPlan FromPrompt(string prompt, double? lengthSeconds = null) =>
        FromBrief(PromptParser.Parse(prompt, lengthSeconds));

    public static CompositionPlan FromBrief(MusicBrief brief)
    {
        ArgumentNullException.ThrowIfNull(brief);
        BriefLimits.ValidateLength(brief.LengthSeconds, nameof(brief));
        var template = GenreTemplates.For(brief.Genre);
        var timing = SongTiming.For(brief);
        var sections = FormPlanner.Plan(brief with { Plan = null }, template, timing);
        var barMs = timing.BarBeats * 60_000.0 / brief.Bpm;
        var totalMs = (int)Math.Round(brief.LengthSeconds * 1000);

        var drafts = sections.Select(s => (Section: s, Ms: (int)Math.Round(s.Bars * barMs))).ToList();
        var assigned = drafts.Sum(d => d.Ms);
        drafts[^1] = (drafts[^1].Section, drafts[^1].Ms + (totalMs - assigned));
        var merged = new List<(SongSection Section, int Ms)>();
        foreach (var draft in drafts)
        {
            if (merged.Count > 0 && (merged[^1].Ms < CompositionPlan.MinSectionMs || draft.Ms < CompositionPlan.MinSectionMs)
                && merged[^1].Ms + draft.Ms <= CompositionPlan.MaxSectionMs)
            {
                var keep = merged[^1].Section.Energy >= draft.Section.Energy ? merged[^1].Section : draft.Section;
                merged[^1] = (keep, merged[^1].Ms + draft.Ms);
            }
            else
            {
                merged.Add(draft);
            }
        }

        var planSections = new List<PlanSection>();
        var lyricQueue = new Queue<string>(brief.Lyrics);
        foreach (var (section, ms) in merged)
        {
            var parts = (int)Math.Ceiling(ms / (double)CompositionPlan.MaxSectionMs);
            var remaining = ms;
            for (var p = 0; p < parts; p++)
            {
                var share = p == parts - 1 ? remaining : ms / parts;
                remaining -= share;
                var lines = new List<string>();
                if (!brief.Instrumental && section.Role is not (SectionRole.Intro or SectionRole.Outro or SectionRole.Breakdown or SectionRole.Build))
                {
                    while (lyricQueue.Count > 0 && lines.Count < 4)
                    {
                        lines.Add(lyricQueue.Dequeue());
                    }
                }

                planSections.Add(new PlanSection
                {
                    SectionName = parts > 1 ? $"{section.Name} (part {p + 1})" : section.Name,
                    PositiveLocalStyles = LocalStyles(section, brief),
                    NegativeLocalStyles = section.Energy < 0.35 ? ["loud"] : [],
                    DurationMs = share,
                    Lines = lines,
                });
            }
        }

        if (lyricQueue.Count > 0 && planSections.Count > 0)
        {
            planSections[^1] = planSections[^1] with { Lines = [.. planSections[^1].Lines, .. lyricQueue.Take(CompositionPlan.MaxLinesPerSection - planSections[^1].Lines.Count)] };
        }

        var plan = new CompositionPlan
        {
            PositiveGlobalStyles = GlobalStyles(brief),
            NegativeGlobalStyles = NegativeStyles(brief),
            Sections = planSections,
        };
        plan.Validate();
        return plan;
    }

    private static List<string> GlobalStyles(MusicBrief brief)
    {
        var styles = new List<string>
        {
            GenreNames.Display(brief.Genre),
            $"{brief.Bpm.ToString("0.#", CultureInfo.InvariantCulture)} bpm",
            $"{brief.Key}",
        };
        if (brief.Mood != Mood.Neutral)
        {
            styles.Insert(1, brief.Mood.ToString().ToLowerInvariant());
        }

        if (brief.Meter != Meter.FourFour)
        {
            styles.Add($"{brief.Meter} time");
        }

        styles.AddRange(brief.Instruments.Select(InstrumentWords));
        if (brief.Instrumental)
        {
            styles.Add("instrumental");
        }

        return styles;
    }

    private static List<string> NegativeStyles(MusicBrief brief)
    {
        var styles = brief.ExcludedInstruments.Select(InstrumentWords).ToList();
        if (brief.Instrumental)
        {
            styles.Add("vocals");
        }

        return styles;
    }

    private static List<string> LocalStyles(SongSection section, MusicBrief brief)
    {
        var energy = section.Energy switch
        {
            < 0.35 => "sparse",
            < 0.6 => "steady",
            < 0.85 => "building",
            _ => "full energy",
        };
        var role = section.Role switch
        {
            SectionRole.Intro => "layers enter one by one",
            SectionRole.Verse => "groove established",
            SectionRole.PreChorus => "rising tension",
            SectionRole.Chorus => "main hook",
            SectionRole.Bridge => "contrasting harmony",
            SectionRole.Build => "riser and snare roll",
            SectionRole.Drop => "full arrangement",
            SectionRole.Breakdown => "no kick, pads exposed",
            SectionRole.Solo => "lead solo",
            _ => "resolves to the tonic",
        };
        return brief.HasDrums || section.Role is not (SectionRole.Build or SectionRole.Breakdown) ? [energy, role] : [energy];
    }

    private static string InstrumentWords(Instrument instrument) => instrument switch
    {
        Instrument.DrumKit => "drums",
        Instrument.SubBass => "808 sub bass",
        Instrument.SynthBass => "bass",
        Instrument.ReeseBass => "reese bass",
        Instrument.PluckBass => "bass guitar",
        Instrument.UprightBass => "upright bass",
        Instrument.ElectricPiano => "electric piano",
        Instrument.Piano => "piano",
        Instrument.Organ => "organ",
        Instrument.Strings => "strings",
        Instrument.SupersawPad => "supersaw",
        Instrument.WarmPad => "pad",
        Instrument.Pluck => "pluck",
        Instrument.CleanGuitar => "clean guitar",
        Instrument.DistortedGuitar => "distorted guitar",
        Instrument.SawLead => "saw lead",
        Instrument.SquareLead => "square lead",
        Instrument.Bell => "bells",
        Instrument.Brass => "brass",
        Instrument.Choir => "choir",
        Instrument.NoiseRiser => "riser",
        _ => instrument.ToString().ToLowerInvariant(),
    };
}
