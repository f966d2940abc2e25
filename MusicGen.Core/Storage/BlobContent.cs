namespace MusicGen.Core.Storage;

/// <summary>An open blob: the stream of the requested bytes, and where they sit in the whole blob.</summary>
/// <param name="Offset">First byte of <see cref="Content"/> within the blob (0 without a range).</param>
/// <param name="Length">How many bytes <see cref="Content"/> holds.</param>
/// <param name="TotalLength">Size of the whole blob.</param>
public sealed record BlobContent(Stream Content, string ContentType, long Offset, long Length, long TotalLength) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
