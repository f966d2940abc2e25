using MusicGen.Contracts.Generations;
using MusicGen.Core.Generations;

namespace MusicGen.Api.Generations;

public static class GenerationMapping
{
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
        [.. g.Tracks.OrderBy(t => t.VariantIndex).Select(t => t.ToResponse())]);

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
            $"/api/v1/tracks/{t.Id}/download?format={Uri.EscapeDataString(f.Name)}"))]);

    public static GenerationEvent ToEvent(this Generation g) => new(g.Id, g.Status.ToString(), g.Stage, g.Progress, g.ErrorCode, g.ErrorMessage);
}
