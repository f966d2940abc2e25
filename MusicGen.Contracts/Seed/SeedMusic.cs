namespace MusicGen.Contracts.Seed;

/// <summary>A generation as the earlier service showed it; <see cref="Status"/> is GENERATING, COMPLETED or FAILED.</summary>
public sealed record SeedMusic(string MusicId, string Status, string? AudioUrl, int LengthMs, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
