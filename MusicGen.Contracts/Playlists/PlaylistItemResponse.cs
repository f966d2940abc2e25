namespace MusicGen.Contracts.Playlists;

public sealed record PlaylistItemResponse(Guid TrackId, int Position, string Title, int DurationMs, Guid GenerationId, string StreamUrl, DateTimeOffset AddedAt);
