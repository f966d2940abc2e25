namespace MusicGen.Core.Playlists;

public sealed class PlaylistTrack
{
    public Guid PlaylistId { get; set; }

    public Guid TrackId { get; set; }

    public int Position { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
