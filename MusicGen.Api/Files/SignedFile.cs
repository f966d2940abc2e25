namespace MusicGen.Api.Files;

/// <summary>What a signed file URL grants: one blob, until <see cref="ExpiresAt"/>, served under <see cref="FileName"/>.</summary>
/// <param name="Size">The blob's size when the URL was made (0 when unknown), so ranges resolve without a round trip.</param>
public sealed record SignedFile(string Key, string ContentType, long Size, string FileName, DateTimeOffset ExpiresAt);
