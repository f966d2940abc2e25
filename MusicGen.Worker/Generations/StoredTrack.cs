using MusicGen.Core.Providers;

namespace MusicGen.Worker.Generations;

/// <summary>A provided track once its files are in the blob store.</summary>
public sealed record StoredTrack(ProvidedTrack Track, string AudioKey, string Checksum, string? MidiKey);
