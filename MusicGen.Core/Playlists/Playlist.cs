namespace MusicGen.Core.Playlists;

public sealed class Playlist
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<PlaylistTrack> Items { get; set; } = [];
}
