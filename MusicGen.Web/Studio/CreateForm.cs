using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Contracts.Plans;

namespace MusicGen.Web.Studio;

/// <summary>The create page's form as posted: everything a generation request holds, plus the plan editor's sections.</summary>
public sealed class CreateForm
{
    public const int MinLengthSeconds = 3;
    public const int MaxLengthSeconds = 600;

    public string? Name { get; set; }

    public string? Prompt { get; set; }

    public int LengthSeconds { get; set; } = 30;

    public string OutputFormat { get; set; } = OutputFormats.Default;

    public int Variations { get; set; } = 2;

    public long? Seed { get; set; }

    public bool Instrumental { get; set; }

    public string? Lyrics { get; set; }

    /// <summary>Submit the edited plan instead of the prompt.</summary>
    public bool UsePlan { get; set; }

    /// <summary>Comma-separated styles of the whole piece.</summary>
    public string? GlobalStyles { get; set; }

    /// <summary>Comma-separated styles to avoid in the whole piece.</summary>
    public string? AvoidStyles { get; set; }

    public List<PlanSectionForm> Sections { get; set; } = [];

    /// <summary>Which button was pressed: submit, plan, add, remove-N, up-N, down-N, surprise.</summary>
    public string? Action { get; set; }

    /// <summary>Idempotency key for this form instance, so a double submit creates one generation.</summary>
    public string? SubmissionId { get; set; }

    public int PlanTotalSeconds => Sections.Sum(s => s.DurationSeconds);

    public CreateGenerationRequest ToRequest() => new()
    {
        Name = string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(),
        Prompt = UsePlan ? null : Prompt,
        CompositionPlan = UsePlan ? JsonSerializer.SerializeToElement(ToPlan()) : null,
        LengthMs = (UsePlan && Sections.Count > 0 ? PlanTotalSeconds : LengthSeconds) * 1000,
        OutputFormat = OutputFormat,
        Variations = Variations,
        Seed = Seed,
        Instrumental = Instrumental,
        Lyrics = string.IsNullOrWhiteSpace(Lyrics) ? null : Lyrics,
    };

    public CompositionPlanDocument ToPlan() => new()
    {
        PositiveGlobalStyles = SplitList(GlobalStyles),
        NegativeGlobalStyles = SplitList(AvoidStyles),
        Sections = [.. Sections.Select(s => s.ToSection())],
    };

    public void LoadPlan(CompositionPlanDocument plan)
    {
        GlobalStyles = string.Join(", ", plan.PositiveGlobalStyles);
        AvoidStyles = string.Join(", ", plan.NegativeGlobalStyles);
        Sections = [.. plan.Sections.Select(PlanSectionForm.From)];
    }

    /// <summary>Applies an editor button (add, remove-N, up-N, down-N); false when the action is not an editor one.</summary>
    public bool ApplyEditorAction(string action)
    {
        if (action == "add")
        {
            Sections.Add(new PlanSectionForm { Name = $"Section {Sections.Count + 1}", DurationSeconds = 15 });
            UsePlan = true;
            return true;
        }

        var dash = action.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(action[(dash + 1)..], out var index) || index < 0 || index >= Sections.Count)
        {
            return false;
        }

        switch (action[..dash])
        {
            case "remove":
                Sections.RemoveAt(index);
                return true;
            case "up" when index > 0:
                (Sections[index - 1], Sections[index]) = (Sections[index], Sections[index - 1]);
                return true;
            case "down" when index < Sections.Count - 1:
                (Sections[index + 1], Sections[index]) = (Sections[index], Sections[index + 1]);
                return true;
            case "up" or "down":
                return true;
            default:
                return false;
        }
    }

    public static IReadOnlyList<string> SplitList(string? text) =>
        [.. (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
