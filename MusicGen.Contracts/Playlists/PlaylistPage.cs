namespace MusicGen.Contracts.Playlists;

public sealed record PlaylistPage(IReadOnlyList<PlaylistSummary> Items, int Page, int PageSize, int Total);
