using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MusicGen.Core.Webhooks;

/// <summary>
/// The <c>MusicGen-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.
/// The timestamp is signed with the body so a captured request cannot be replayed later
/// (receivers reject old timestamps); see docs/webhooks.md.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "MusicGen-Signature";
    public const string EventHeader = "MusicGen-Event";
    public const string DeliveryHeader = "MusicGen-Delivery";
    public const string AttemptHeader = "MusicGen-Attempt";

    public static string Compute(string secret, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static string CreateHeader(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, timestamp, body)}";
    }

    /// <summary>What a receiver does: parse, recompute, compare in constant time, and reject timestamps outside the tolerance.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var (key, value) = part.IndexOf('=') is var at and > 0 ? (part[..at], part[(at + 1)..]) : (part, "");
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }

        if (timestamp is not { } ts || Math.Abs(now.ToUnixTimeSeconds() - ts) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, ts, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }
}
