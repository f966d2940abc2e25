using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicGen.Engine.Plans;

/// <summary>
/// An ElevenLabs-style composition plan (music_v1 <c>composition_plan</c>): global styles and timed sections with
/// local styles and lyric lines. Serialises to the same snake_case JSON with <see cref="ToJson"/> / <see cref="FromJson"/>.
/// </summary>
public sealed record CompositionPlan
{
    public const int MaxSections = 30;
    public const int MaxLinesPerSection = 30;
    public const int MaxLineLength = 200;
    public const int MaxSectionNameLength = 100;
    public const int MinSectionMs = 3_000;
    public const int MaxSectionMs = 120_000;
    public const int MinTotalMs = 3_000;
    public const int MaxTotalMs = 600_000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonPropertyName("positive_global_styles")]
    public IReadOnlyList<string> PositiveGlobalStyles { get; init; } = [];

    [JsonPropertyName("negative_global_styles")]
    public IReadOnlyList<string> NegativeGlobalStyles { get; init; } = [];

    [JsonPropertyName("sections")]
    public IReadOnlyList<PlanSection> Sections { get; init; } = [];

    [JsonIgnore]
    public long TotalDurationMs => Sections.Sum(s => (long)s.DurationMs);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <exception cref="ArgumentException">The text is not a plan.</exception>
    public static CompositionPlan FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CompositionPlan>(json, JsonOptions)
                ?? throw new ArgumentException("The composition plan JSON is null.", nameof(json));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The composition plan is not valid JSON: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>Checks ElevenLabs' limits; the message of the first violation names the allowed range.</summary>
    /// <exception cref="ArgumentException">A limit is broken.</exception>
    public void Validate()
    {
        var problem = FindProblems().FirstOrDefault();
        if (problem is not null)
        {
            throw new ArgumentException(problem, "plan");
        }
    }

    /// <summary>Every limit the plan breaks, each as a sentence naming the allowed range.</summary>
    public IEnumerable<string> FindProblems()
    {
        if (Sections is null || Sections.Count == 0)
        {
            yield return "The plan has no sections; it needs 1–30 sections.";
            yield break;
        }

        if (Sections.Count > MaxSections)
        {
            yield return $"The plan has {Sections.Count} sections; the allowed range is 1–30 sections.";
        }

        for (var i = 0; i < Sections.Count; i++)
        {
            var section = Sections[i];
            var label = $"Section {i + 1}";
            var nameLength = section.SectionName?.Length ?? 0;
            if (nameLength is < 1 or > MaxSectionNameLength)
            {
                yield return $"{label}: section_name has {nameLength} characters; the allowed range is 1–100 characters.";
            }

            if (section.DurationMs is < MinSectionMs or > MaxSectionMs)
            {
                yield return $"{label} ('{section.SectionName}'): duration_ms is {section.DurationMs}; the allowed range is 3000–120000 ms.";
            }

            var lines = section.Lines ?? [];
            if (lines.Count > MaxLinesPerSection)
            {
                yield return $"{label} ('{section.SectionName}'): {lines.Count} lines; the allowed range is 0–30 lines per section.";
            }

            foreach (var line in lines.Where(l => (l?.Length ?? 0) > MaxLineLength))
            {
                yield return $"{label} ('{section.SectionName}'): a line has {line.Length} characters; the allowed range is 0–200 characters per line.";
            }
        }

        var total = TotalDurationMs;
        if (total is < MinTotalMs or > MaxTotalMs)
        {
            yield return $"The plan lasts {total} ms in total; the allowed range is 3000–600000 ms (3 s–10 min).";
        }
    }
}
