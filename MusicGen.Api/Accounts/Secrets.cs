using System.Security.Cryptography;
using System.Text;

namespace MusicGen.Api.Accounts;

/// <summary>Random tokens and their stored form: only SHA-256 hashes reach the database.</summary>
public static class Secrets
{
    public const string ApiKeyPrefix = "mg_";

    public static string NewToken(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string NewApiKey() => ApiKeyPrefix + NewToken();

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
