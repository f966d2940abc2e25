using System.Text.Json;
using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;

namespace MusicGen.Api.Generations;

public static class GenerationMapping
{
    private static readonly JsonSerializerOptions AnalysisJson = new(JsonSerializerDefaults.Web);

    public static GenerationResponse ToResponse(this Generation g) => new(
        g.Id,
        g.Name,
        g.Status.ToString(),
        g.Stage,
        g.Progress,
        g.ErrorCode,
        g.ErrorMessage,
        g.Prompt,
        g.LengthMs,
        g.OutputFormat,
        g.Variations,
        g.Seed,
        g.Instrumental,
        g.Provider,
        g.Model,
        g.CreatedAt,
        g.UpdatedAt,
        g.CompletedAt,
        [.. g.Tracks.OrderBy(t => t.VariantIndex).Select(t => t.ToResponse())],
        g.Lyrics,
        g.CompositionPlan is { } plan ? JsonDocument.Parse(plan).RootElement.Clone() : null,
        g.Genre);

    public static TrackResponse ToResponse(this Track t) => new(
        t.Id,
        t.VariantIndex,
        t.Title,
        t.DurationMs,
        [.. t.Files.OrderBy(f => f.Kind).ThenBy(f => f.Name).Select(f => new TrackFileResponse(
            f.Kind.ToString(),
            f.Name,
            f.ContentType,
            f.SizeBytes,
            $"/api/v1/tracks/{t.Id}/download?format={Uri.EscapeDataString(f.Name)}"))],
        t.Bpm,
        t.MusicalKey,
        ReadSections(t.Sections),
        ReadAnalysis<List<float>>(t.WaveformPeaks),
        t.LoudnessLufs,
        t.TruePeakDbtp);

    public static GenerationEvent ToEvent(this Generation g) => new(g.Id, g.Status.ToString(), g.Stage, g.Progress, g.ErrorCode, g.ErrorMessage);

    /// <summary>The Worker writes sections as <c>{name, start, duration, energy}</c> (seconds); older rows spell them <c>startSeconds</c>/<c>durationSeconds</c>.</summary>
    private static List<TrackSectionResponse>? ReadSections(string? json)
    {
        if (ReadAnalysis<List<Dictionary<string, JsonElement>>>(json) is not { } rows)
        {
            return null;
        }

        double Number(Dictionary<string, JsonElement> row, string name, string alternative) =>
            row.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Key, alternative, StringComparison.OrdinalIgnoreCase)).Value
                is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : 0;

        return [.. rows.Select(row => new TrackSectionResponse(
            row.FirstOrDefault(p => string.Equals(p.Key, "name", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } name ? name.GetString()! : "",
            Number(row, "start", "startSeconds"),
            Number(row, "duration", "durationSeconds")))];
    }

    // Analysis columns are written by the Worker; an unreadable one is left out rather than failing the whole response.
    private static T? ReadAnalysis<T>(string? json) where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, AnalysisJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
