using System.Text.Json.Serialization;

namespace MusicGen.Contracts.Plans;

/// <summary>
/// An ElevenLabs-style composition plan as JSON carries it (snake_case): global styles and timed sections.
/// Send it as <c>compositionPlan</c> of a generation request instead of a prompt.
/// </summary>
public sealed record CompositionPlanDocument
{
    [JsonPropertyName("positive_global_styles")]
    public IReadOnlyList<string> PositiveGlobalStyles { get; init; } = [];

    [JsonPropertyName("negative_global_styles")]
    public IReadOnlyList<string> NegativeGlobalStyles { get; init; } = [];

    [JsonPropertyName("sections")]
    public IReadOnlyList<CompositionPlanSection> Sections { get; init; } = [];
}
