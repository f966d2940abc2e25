using MusicGen.Api.Files;
using MusicGen.Core.Generations;
using MusicGen.Core.Storage;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Tracks;

/// <summary>
/// Where a download redirects: a presigned URL straight to S3 when the store can presign, else the
/// API's own signed <c>/api/v1/files/{token}</c>. Either way the link is short-lived and needs no sign-in.
/// </summary>
public sealed class TrackFileLinks(IBlobStore store, SignedFileUrls signedUrls, IOptions<StorageOptions> options)
{
    public string For(Track track, TrackFile file)
    {
        var fileName = FileName(track, file);
        var validFor = TimeSpan.FromMinutes(options.Value.DownloadUrlMinutes);
        return store.GetPresignedUrl(file.StorageKey, validFor, fileName)?.ToString()
            ?? signedUrls.Create(file.StorageKey, file.ContentType, file.SizeBytes, fileName, validFor);
    }

    /// <summary>The name a browser saves the file under: the track title, sanitized, plus what the file is.</summary>
    public static string FileName(Track track, TrackFile file)
    {
        var extension = Path.GetExtension(file.StorageKey);
        var title = StorageKeys.Sanitize(track.Title);
        return file.Kind switch
        {
            TrackFileKind.Stem => $"{title}_{file.Name}{extension}",
            TrackFileKind.Audio when !extension.EndsWith(file.Name, StringComparison.Ordinal) => $"{title}_{file.Name}{extension}",
            _ => $"{title}{extension}",
        };
    }
}
