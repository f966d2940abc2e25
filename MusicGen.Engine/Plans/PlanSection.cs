using System.Text.Json.Serialization;

namespace MusicGen.Engine.Plans;

/// <summary>One section of an ElevenLabs-style composition plan.</summary>
public sealed record PlanSection
{
    [JsonPropertyName("section_name")]
    public string SectionName { get; init; } = "";

    [JsonPropertyName("positive_local_styles")]
    public IReadOnlyList<string> PositiveLocalStyles { get; init; } = [];

    [JsonPropertyName("negative_local_styles")]
    public IReadOnlyList<string> NegativeLocalStyles { get; init; } = [];

    [JsonPropertyName("duration_ms")]
    public int DurationMs { get; init; }

    /// <summary>Lyric lines sung in this section (empty for instrumental sections).</summary>
    [JsonPropertyName("lines")]
    public IReadOnlyList<string> Lines { get; init; } = [];
}
