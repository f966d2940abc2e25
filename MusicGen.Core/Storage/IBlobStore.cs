namespace MusicGen.Core.Storage;

/// <summary>
/// Where generated files live: S3 (or any S3-compatible server) or a folder. Keys come from
/// <see cref="StorageKeys"/>, so a retried job writes the same keys and overwrites instead of duplicating.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes (or overwrites) a blob in full; readers never see a half-written blob.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken);

    /// <summary>Opens a blob, or the given byte range of it; null when there is no such blob.</summary>
    Task<BlobContent?> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>
    /// A URL a browser can GET the blob from directly for <paramref name="validFor"/>, or null when the store
    /// cannot presign (the folder store): then the API serves the blob itself behind a signed URL.
    /// </summary>
    Uri? GetPresignedUrl(string key, TimeSpan validFor, string? downloadFileName);

    /// <summary>Deletes a blob; deleting a missing blob is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every blob whose key starts with <paramref name="prefix"/> (for the orphan sweep).</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken);
}
