namespace MusicGen.Contracts.Playlists;

/// <summary>The playlist's track ids in their new order: every current track exactly once.</summary>
public sealed record ReorderPlaylistRequest(IReadOnlyList<Guid> TrackIds);
