namespace MusicGen.Contracts.Playlists;

public sealed record PlaylistSummary(Guid Id, string Name, string? Description, int TrackCount, int DurationMs, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
