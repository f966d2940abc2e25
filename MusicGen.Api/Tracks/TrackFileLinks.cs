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
    public string For(Generation generation, Track track, TrackFile file)
    {
        var fileName = FileName(generation, track, file);
        var validFor = TimeSpan.FromMinutes(options.Value.DownloadUrlMinutes);
        return store.GetPresignedUrl(file.StorageKey, validFor, fileName)?.ToString()
            ?? signedUrls.Create(file.StorageKey, file.ContentType, file.SizeBytes, fileName, validFor);
    }

    /// <summary>
    /// The name a browser saves the file under: the generation's name as the person wrote it (any script;
    /// <see cref="ContentDisposition"/> adds the RFC 5987 form), which take it is, and what the file is —
    /// <c>Rainy piano (take 2).mp3</c>, <c>Rainy piano (take 2) drums.wav</c>.
    /// </summary>
    public static string FileName(Generation generation, Track track, TrackFile file)
    {
        var extension = Path.GetExtension(file.StorageKey);
        var suffix = file.Kind switch
        {
            TrackFileKind.Stem => $" {file.Name}",
            TrackFileKind.Audio when !extension.EndsWith(file.Name, StringComparison.Ordinal) => $" {file.Name}",
            _ => "",
        };
        return $"{Take(generation, track)}{suffix}{extension}";
    }

    /// <summary>The stems zip's name: <c>Rainy piano (take 2) stems.zip</c>.</summary>
    public static string StemsFileName(Generation generation, Track track) => $"{Take(generation, track)} stems.zip";

    private static string Take(Generation generation, Track track)
    {
        var name = ContentDisposition.Clean(generation.Name);
        return $"{(name.Length > 120 ? name[..120].TrimEnd() : name)} (take {track.VariantIndex + 1})";
    }
}
