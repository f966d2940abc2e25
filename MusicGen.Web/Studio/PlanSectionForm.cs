using MusicGen.Contracts.Plans;

namespace MusicGen.Web.Studio;

/// <summary>One section in the plan editor: styles comma-separated, lyric lines one per line.</summary>
public sealed class PlanSectionForm
{
    public string? Name { get; set; }

    public int DurationSeconds { get; set; }

    public string? Styles { get; set; }

    public string? Avoid { get; set; }

    public string? Lines { get; set; }

    public static PlanSectionForm From(CompositionPlanSection section) => new()
    {
        Name = section.SectionName,
        DurationSeconds = (int)Math.Round(section.DurationMs / 1000.0),
        Styles = string.Join(", ", section.PositiveLocalStyles),
        Avoid = string.Join(", ", section.NegativeLocalStyles),
        Lines = string.Join("\n", section.Lines),
    };

    public CompositionPlanSection ToSection() => new()
    {
        SectionName = Name?.Trim() ?? "",
        DurationMs = DurationSeconds * 1000,
        PositiveLocalStyles = CreateForm.SplitList(Styles),
        NegativeLocalStyles = CreateForm.SplitList(Avoid),
        Lines = [.. (Lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
    };
}
