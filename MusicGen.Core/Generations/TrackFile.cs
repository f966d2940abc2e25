namespace MusicGen.Core.Generations;

/// <summary>A stored file of a track: the audio in one format, a stem, or the MIDI score.</summary>
public sealed class TrackFile
{
    public Guid Id { get; set; }

    public Guid TrackId { get; set; }

    public TrackFileKind Kind { get; set; }

    /// <summary>Format for audio (<c>mp3</c>, <c>wav</c>), stem group for stems (<c>drums</c>), <c>mid</c> for MIDI.</summary>
    public required string Name { get; set; }

    public required string StorageKey { get; set; }

    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }
}
