using System.Security.Cryptography;
using System.Text;

namespace MusicGen.Redis;

/// <summary>A Lua script, run by SHA1 (EVALSHA) and reloaded after a reconnect.</summary>
public sealed class RedisScript(string source)
{
    public string Source { get; } = source;

    public string Sha1 { get; } = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
}
