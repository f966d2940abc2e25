namespace MusicGen.Core.Storage;

public sealed record BlobInfo(string Key, long Size, DateTimeOffset LastModified);
