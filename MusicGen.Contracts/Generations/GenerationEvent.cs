namespace MusicGen.Contracts.Generations;

/// <summary>One Server-Sent Event of <c>GET /api/v1/generations/{id}/events</c>.</summary>
public sealed record GenerationEvent(Guid Id, string Status, string? Stage, int Progress, string? ErrorCode, string? ErrorMessage);
