using System.Text.Json;

namespace MusicGen.Contracts.Generations;

/// <summary>
/// A generation's state. <see cref="Status"/> is one of Queued, Generating, Completed, Failed, Canceled.
/// <see cref="Genre"/> is the genre id the engine reads in the prompt or plan (<c>techno</c>, <c>lofi</c>…), what <c>?genre=</c> filters on.
/// </summary>
public sealed record GenerationResponse(
    Guid Id,
    string Name,
    string Status,
    string? Stage,
    int Progress,
    string? ErrorCode,
    string? ErrorMessage,
    string? Prompt,
    int LengthMs,
    string OutputFormat,
    int Variations,
    long? Seed,
    bool Instrumental,
    string Provider,
    string? Model,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<TrackResponse> Tracks,
    string? Lyrics = null,
    JsonElement? CompositionPlan = null,
    string? Genre = null);
