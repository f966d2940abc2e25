using MusicGen.Engine.Plans;
using MusicGen.Engine.Prompting;

namespace MusicGen.Engine.Composition;

/// <summary>
/// Fits the genre's form (or a plan's sections) to the number of bars the length allows: long songs repeat the
/// template's loop sections, short ones drop the optional ones; section lengths stay on 4/2-bar phrase boundaries.
/// </summary>
public static class FormPlanner
{
    public static IReadOnlyList<SongSection> Plan(MusicBrief brief, GenreTemplate template, SongTiming timing)
    {
        var sections = brief.Plan is { } plan
            ? FromPlan(plan, timing)
            : FromTemplate(template, timing.Bars);
        // The mood moves the loud sections most: quiet intros and breakdowns keep the energy that lets their layers play.
        var low = sections.Min(s => s.Energy);
        var high = Math.Max(low + 0.01, sections.Max(s => s.Energy));
        return sections
            .Select(s => s with { Energy = Math.Clamp(s.Energy + (brief.EnergyBias * (s.Energy - low) / (high - low)), 0.05, 1.0) })
            .ToList();
    }

    private static List<SongSection> FromTemplate(GenreTemplate template, int bars)
    {
        var form = template.Form;
        var peak = form.OrderByDescending(s => s.Energy).First();
        if (bars < 4)
        {
            return [new SongSection(peak.Name, peak.Role, 0, bars, peak.Energy)];
        }

        if (bars < 12)
        {
            var intro = Math.Max(1, bars / 4);
            var outro = Math.Max(1, bars / 4);
            return
            [
                new SongSection(form[0].Name, form[0].Role, 0, intro, form[0].Energy),
                new SongSection(peak.Name, peak.Role, intro, bars - intro - outro, peak.Energy),
                new SongSection(form[^1].Name, form[^1].Role, bars - outro, outro, form[^1].Energy),
            ];
        }

        var slots = form.ToList();
        var loop = form.Skip(1).TakeWhile(s => template.LoopRoles.Contains(s.Role)).ToList();
        var insertAt = 1 + loop.Count;
        while (loop.Count > 0 && slots.Sum(s => s.Bars) * 1.25 < bars && slots.Count + loop.Count < CompositionPlan.MaxSections - 2)
        {
            slots.InsertRange(insertAt, loop);
            insertAt += loop.Count;
        }

        slots = Renumber(slots);

        var quantum = bars >= 40 ? 4 : bars >= 12 ? 2 : 1;
        while (slots.Count > 3 && (slots.Sum(s => s.Bars) > bars * 1.6 || slots.Count * quantum > bars))
        {
            var removable = slots.Skip(1).Take(slots.Count - 2)
                .OrderBy(s => s.Role is SectionRole.Bridge or SectionRole.Solo or SectionRole.PreChorus or SectionRole.Breakdown ? 0 : 1)
                .ThenBy(s => s.Energy)
                .First();
            slots.RemoveAt(slots.LastIndexOf(removable));
        }

        var total = slots.Sum(s => s.Bars);
        var lengths = slots.Select(s => Math.Max(quantum, (int)Math.Round(s.Bars * (double)bars / total / quantum) * quantum)).ToArray();
        var difference = bars - lengths.Sum();
        var guard = 0;
        while (difference != 0 && guard++ < 1000)
        {
            var step = Math.Abs(difference) >= quantum ? quantum : 1;
            var index = Array.IndexOf(lengths, lengths.Max());
            if (difference < 0 && lengths[index] - step < 1)
            {
                break;
            }

            lengths[index] += Math.Sign(difference) * step;
            difference -= Math.Sign(difference) * step;
        }

        var sections = new List<SongSection>();
        var start = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            sections.Add(new SongSection(slots[i].Name, slots[i].Role, start, lengths[i], slots[i].Energy));
            start += lengths[i];
        }

        return sections;
    }

    /// <summary>"Verse 1", "Verse 1", "Verse 2" after repeating a block become "Verse 1", "Verse 2", "Verse 3".</summary>
    private static List<FormSlot> Renumber(List<FormSlot> slots)
    {
        var counters = new Dictionary<string, int>();
        var result = new List<FormSlot>();
        foreach (var slot in slots)
        {
            var space = slot.Name.LastIndexOf(' ');
            if (space > 0 && int.TryParse(slot.Name[(space + 1)..], out _))
            {
                var stem = slot.Name[..space];
                counters[stem] = counters.GetValueOrDefault(stem) + 1;
                result.Add(slot with { Name = $"{stem} {counters[stem]}" });
            }
            else
            {
                result.Add(slot);
            }
        }

        return result;
    }

    private static List<SongSection> FromPlan(CompositionPlan plan, SongTiming timing)
    {
        var barMs = timing.BarBeats * 60_000.0 / timing.Bpm;
        var sections = new List<SongSection>();
        var cumulative = 0L;
        var start = 0;
        for (var i = 0; i < plan.Sections.Count; i++)
        {
            var planned = plan.Sections[i];
            cumulative += planned.DurationMs;
            var remaining = plan.Sections.Count - i - 1;
            var end = i == plan.Sections.Count - 1
                ? timing.Bars
                : Math.Clamp((int)Math.Round(cumulative / barMs), Math.Min(start + 1, timing.Bars), Math.Max(start, timing.Bars - remaining));
            if (end <= start)
            {
                continue;
            }

            var (role, energy) = RoleOf(planned, i, plan.Sections.Count);
            sections.Add(new SongSection(planned.SectionName, role, start, end - start, energy)
            {
                NoDrums = planned.NegativeLocalStyles.Any(s => PromptParser.ContainsWord(PromptParser.Normalise(s), "drums")),
                Lines = planned.Lines,
            });
            start = end;
        }

        if (sections.Count == 0)
        {
            var first = plan.Sections[0];
            var (role, energy) = RoleOf(first, 0, 1);
            sections.Add(new SongSection(first.SectionName, role, 0, timing.Bars, energy) { Lines = plan.Sections.SelectMany(s => s.Lines).ToList() });
        }

        return sections;
    }

    private static (SectionRole Role, double Energy) RoleOf(PlanSection section, int index, int count)
    {
        var name = PromptParser.Normalise(section.SectionName);
        (SectionRole Role, double Energy) found =
            Has(name, "intro") || Has(name, "opening") ? (SectionRole.Intro, 0.35)
            : Has(name, "pre-chorus") || Has(name, "pre chorus") || Has(name, "prechorus") ? (SectionRole.PreChorus, 0.65)
            : Has(name, "chorus") || Has(name, "hook") || Has(name, "refrain") ? (SectionRole.Chorus, 0.85)
            : Has(name, "verse") ? (SectionRole.Verse, 0.55)
            : Has(name, "bridge") ? (SectionRole.Bridge, 0.45)
            : Has(name, "drop") || Has(name, "climax") || Has(name, "peak") ? (SectionRole.Drop, 1.0)
            : Has(name, "build") || Has(name, "rise") ? (SectionRole.Build, 0.65)
            : Has(name, "break") || Has(name, "breakdown") || Has(name, "interlude") ? (SectionRole.Breakdown, 0.35)
            : Has(name, "solo") ? (SectionRole.Solo, 0.8)
            : Has(name, "outro") || Has(name, "ending") || Has(name, "coda") || Has(name, "end") ? (SectionRole.Outro, 0.35)
            : index == 0 && count > 2 ? (SectionRole.Intro, 0.35)
            : index == count - 1 && count > 2 ? (SectionRole.Outro, 0.35)
            : (SectionRole.Verse, 0.6);
        var styles = PromptParser.Normalise(string.Join(", ", section.PositiveLocalStyles));
        string[] louder = ["intense", "energetic", "loud", "big", "powerful", "full", "explosive", "driving", "climax", "epic"];
        string[] softer = ["quiet", "soft", "calm", "minimal", "sparse", "gentle", "stripped", "ambient", "filtered", "intimate"];
        var energy = found.Energy
            + (louder.Any(w => Has(styles, w)) ? 0.15 : 0)
            - (softer.Any(w => Has(styles, w)) ? 0.15 : 0);
        return (found.Role, Math.Clamp(energy, 0.1, 1.0));
    }

    private static bool Has(string text, string word) => PromptParser.ContainsWord(text, word);
}
