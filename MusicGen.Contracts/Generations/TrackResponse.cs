namespace MusicGen.Contracts.Generations;

public sealed record TrackResponse(Guid Id, int VariantIndex, string Title, int DurationMs, IReadOnlyList<TrackFileResponse> Files);
