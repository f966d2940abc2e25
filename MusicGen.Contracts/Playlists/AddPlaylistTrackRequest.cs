namespace MusicGen.Contracts.Playlists;

/// <summary>Adds one of your tracks; at the end unless <see cref="Position"/> (0-based) says where.</summary>
public sealed record AddPlaylistTrackRequest(Guid TrackId, int? Position = null);
