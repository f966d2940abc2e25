namespace MusicGen.Contracts.Playlists;

/// <summary>Moves one track to <see cref="Position"/> (0-based); the others close up around it.</summary>
public sealed record MovePlaylistTrackRequest(int Position);
