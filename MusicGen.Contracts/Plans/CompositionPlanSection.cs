using System.Text.Json.Serialization;

namespace MusicGen.Contracts.Plans;

/// <summary>One section of a composition plan: 3–120 s, with local styles and lyric lines.</summary>
public sealed record CompositionPlanSection
{
    [JsonPropertyName("section_name")]
    public string SectionName { get; init; } = "";

    [JsonPropertyName("positive_local_styles")]
    public IReadOnlyList<string> PositiveLocalStyles { get; init; } = [];

    [JsonPropertyName("negative_local_styles")]
    public IReadOnlyList<string> NegativeLocalStyles { get; init; } = [];

    [JsonPropertyName("duration_ms")]
    public int DurationMs { get; init; }

    [JsonPropertyName("lines")]
    public IReadOnlyList<string> Lines { get; init; } = [];
}
