namespace MusicGen.Contracts.Seed;

/// <summary>The body of the earlier service's <c>POST /api/music-generator/generate</c>.</summary>
public sealed record SeedGenerateRequest(string? Prompt, int? LengthMs = null, string? Name = null);
