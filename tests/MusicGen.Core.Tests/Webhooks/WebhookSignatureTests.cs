using System.Security.Cryptography;
using System.Text;
using MusicGen.Core.Webhooks;

namespace MusicGen.Core.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_0123456789abcdef";
    private const string Body = """{"event":"generation.completed","generationId":"0195f3a0-0000-7000-8000-000000000001"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void HeaderIsTimestampAndHmacOfTimestampDotBody()
    {
        var header = WebhookSignature.CreateHeader(Secret, Now, Body);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1800000000." + Body)));
        header.ShouldBe($"t=1800000000,v1={expected}");
    }

    [Fact]
    public void VerifyAcceptsTheSignedBodyWithinTolerance() =>
        WebhookSignature.Verify(Secret, WebhookSignature.CreateHeader(Secret, Now, Body), Body, Now.AddMinutes(4), TimeSpan.FromMinutes(5)).ShouldBeTrue();

    [Theory]
    [InlineData("body")]
    [InlineData("secret")]
    [InlineData("old")]
    [InlineData("timestamp")]
    [InlineData("garbage")]
    public void VerifyRejectsTampering(string tampering)
    {
        var header = WebhookSignature.CreateHeader(Secret, Now, Body);
        var (secret, body, now) = tampering switch
        {
            "body" => (Secret, Body.Replace("completed", "failed"), Now),
            "secret" => ("whsec_other", Body, Now),
            "old" => (Secret, Body, Now.AddMinutes(6)),
            _ => (Secret, Body, Now),
        };
        header = tampering switch
        {
            "timestamp" => header.Replace("t=1800000000", "t=1800000001"),
            "garbage" => "v1=nothing",
            _ => header,
        };

        WebhookSignature.Verify(secret, header, body, now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
    }
}
