using System.Security.Cryptography;
using System.Text;

namespace MusicGen.Api.Tests.Webhooks;

/// <summary>Verifies a <c>MusicGen-Signature</c> header the way docs/webhooks.md tells receivers to, independently of the server's code.</summary>
internal static class SignatureCheck
{
    public static void ShouldBeSignedWith(this ReceivedWebhook webhook, string secret)
    {
        var parts = webhook.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var timestamp = long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{webhook.Body}")));

        parts["v1"].ShouldBe(expected, $"signature of {webhook.Body}");
        Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp).ShouldBeLessThan(300);
    }
}
