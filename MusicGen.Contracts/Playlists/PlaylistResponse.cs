namespace MusicGen.Contracts.Playlists;

public sealed record PlaylistResponse(Guid Id, string Name, string? Description, IReadOnlyList<PlaylistItemResponse> Items, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
