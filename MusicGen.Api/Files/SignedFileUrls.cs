using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MusicGen.Api.Accounts;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Files;

/// <summary>
/// URLs of the form <c>/api/v1/files/{token}</c> for stores that cannot presign (the folder store):
/// the token carries the blob key and an expiry, and an HMAC-SHA256 over both with a key from
/// configuration, so the file endpoint needs no sign-in and no database.
/// </summary>
public sealed class SignedFileUrls(IOptions<StorageOptions> storage, IOptions<AuthOptions> auth, TimeProvider time)
{
    public const string RoutePrefix = "/api/v1/files/";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(storage.Value.UrlSigningKey) ? auth.Value.SigningKey : storage.Value.UrlSigningKey);

    public string Create(string key, string contentType, long size, string fileName, TimeSpan validFor)
    {
        var file = new SignedFile(key, contentType, size, fileName, time.GetUtcNow().Add(validFor));
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(file.Key, file.ContentType, file.Size, file.FileName, file.ExpiresAt.ToUnixTimeSeconds()), JsonSerializerOptions.Web);
        return $"{RoutePrefix}{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(payload))}";
    }

    /// <summary>Checks the signature first, then the expiry: a token that was altered is never reported as merely expired.</summary>
    public SignedFileCheck Check(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var signature)
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return SignedFileCheck.Forged;
        }

        var content = JsonSerializer.Deserialize<Payload>(payload, JsonSerializerOptions.Web)!;
        var file = new SignedFile(content.K, content.T, content.S, content.N, DateTimeOffset.FromUnixTimeSeconds(content.E));
        return file.ExpiresAt <= time.GetUtcNow() ? SignedFileCheck.ExpiredLink(file) : SignedFileCheck.Valid(file);
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_key, payload);

    private static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>Short names keep the URL short.</summary>
    private sealed record Payload(string K, string T, long S, string N, long E);
}

/// <summary>The verdict on a signed file token.</summary>
public sealed record SignedFileCheck(SignedFile? File, bool Expired)
{
    public static readonly SignedFileCheck Forged = new(null, false);

    public static SignedFileCheck ExpiredLink(SignedFile file) => new(file, true);

    public static SignedFileCheck Valid(SignedFile file) => new(file, false);
}
