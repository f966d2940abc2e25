namespace MusicGen.Contracts.Generations;

/// <summary>A downloadable file of a track; <see cref="Kind"/> is Audio, Stem or Midi.</summary>
public sealed record TrackFileResponse(string Kind, string Name, string ContentType, long SizeBytes, string Url);
