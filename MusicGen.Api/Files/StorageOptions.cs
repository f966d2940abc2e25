using System.ComponentModel.DataAnnotations;

namespace MusicGen.Api.Files;

/// <summary>Section <c>Storage</c>: how the API hands out files kept in the blob store.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// HMAC key for the signed file URLs of the folder store; every replica needs the same one.
    /// Empty: <c>Auth:SigningKey</c> is used, so a single key is enough for a small deployment.
    /// </summary>
    [MinLength(32, ErrorMessage = "Storage:UrlSigningKey must be at least 32 characters long (or left out to use Auth:SigningKey).")]
    public string? UrlSigningKey { get; set; }

    /// <summary>How long a download link (presigned S3 URL or signed API URL) works.</summary>
    [Range(1, 1440)]
    public int DownloadUrlMinutes { get; set; } = 15;

    /// <summary>At most this many on-demand renders (another format, stems, MIDI) run at once per API process.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRenders { get; set; } = 1;
}
