namespace MusicGen.Api.Generations;

/// <summary>
/// A read of the status cache: the cached JSON on a hit; on a miss, the generation's change version to store
/// the database's answer under (null when Redis is unavailable, and then nothing is stored).
/// </summary>
public readonly record struct StatusCacheRead(ReadOnlyMemory<byte>? Json, string? Version);
