using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MusicGen.Core.Storage;

/// <summary>
/// Blobs as files under one folder (the embedded default when no S3 server is around). A blob is written
/// to a temporary file and renamed into place, so a reader sees the old blob or the new one, never half of
/// one. The content type goes in a <c>.meta</c> file beside it.
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    private const string MetaSuffix = ".meta";

    public string Root { get; } = Path.GetFullPath(root);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var meta = new BlobMeta(contentType, metadata ?? new Dictionary<string, string>());
        await WriteAtomicallyAsync(path + MetaSuffix, JsonSerializer.SerializeToUtf8Bytes(meta), cancellationToken);
        await WriteAtomicallyAsync(path, content, cancellationToken);
    }

    public async Task<BlobContent?> OpenReadAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var contentType = await ReadContentTypeAsync(path, cancellationToken);
        var total = stream.Length;
        if (range is null)
        {
            return new BlobContent(stream, contentType, 0, total, total);
        }

        if (range.Value.Resolve(total) is not var (offset, length))
        {
            await stream.DisposeAsync();
            throw new ArgumentOutOfRangeException(nameof(range), $"The range starts past the end of the {total}-byte blob.");
        }

        stream.Seek(offset, SeekOrigin.Begin);
        return new BlobContent(new BoundedStream(stream, length), contentType, offset, length, total);
    }

    public Uri? GetPresignedUrl(string key, TimeSpan validFor, string? downloadFileName) => null;

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        File.Delete(path);
        File.Delete(path + MetaSuffix);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path.EndsWith(MetaSuffix, StringComparison.Ordinal) || path.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            var key = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                var info = new FileInfo(path);
                yield return new BlobInfo(key, info.Length, info.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    /// <summary>The file of a key; keys that would leave the root (absolute, '..') are refused.</summary>
    private string PathOf(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.StartsWith('/') || key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(Root, key));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<string> ReadContentTypeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var meta = File.OpenRead(path + MetaSuffix);
            return (await JsonSerializer.DeserializeAsync<BlobMeta>(meta, cancellationToken: cancellationToken))?.ContentType ?? "application/octet-stream";
        }
        catch (FileNotFoundException)
        {
            return "application/octet-stream";
        }
    }

    private sealed record BlobMeta(string ContentType, IReadOnlyDictionary<string, string> Metadata);
}
