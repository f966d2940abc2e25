using System.Net;
using System.Security.Claims;
using System.Text;
using MusicGen.Api.Tests.Infrastructure;
using MusicGen.Core.Data;
using MusicGen.Testing.Postgres;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MusicGen.Api.Tests.Accounts;

public sealed class JwtTamperingTests(PostgresServer postgres)
{
    public enum Tampering
    {
        None,
        AlgorithmNone,
        WrongKey,
        Expired,
        WrongAudience,
        WrongIssuer,
        PayloadEdited,
    }

    [Theory]
    [InlineData(Tampering.None, HttpStatusCode.OK)]
    [InlineData(Tampering.AlgorithmNone, HttpStatusCode.Unauthorized)]
    [InlineData(Tampering.WrongKey, HttpStatusCode.Unauthorized)]
    [InlineData(Tampering.Expired, HttpStatusCode.Unauthorized)]
    [InlineData(Tampering.WrongAudience, HttpStatusCode.Unauthorized)]
    [InlineData(Tampering.WrongIssuer, HttpStatusCode.Unauthorized)]
    [InlineData(Tampering.PayloadEdited, HttpStatusCode.Unauthorized)]
    public async Task MeWithForgedTokenIsRejected(Tampering tampering, HttpStatusCode expected)
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();
        var victim = await client.RegisterAsync();
        var victimId = new JsonWebTokenHandler().ReadJsonWebToken(victim.AccessToken).Subject;

        var token = Forge(tampering, victimId);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me").Bearer(token);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task MeWithoutTokenReturnsUnauthorizedProblem()
    {
        await using var factory = await ApiFactory.CreateAsync(DatabaseProvider.Sqlite, postgres);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string Forge(Tampering tampering, string userId)
    {
        var now = DateTime.UtcNow;
        var key = tampering == Tampering.WrongKey ? "another-key-entirely-0123456789-abcdefghij" : ApiFactory.SigningKey;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = tampering == Tampering.WrongIssuer ? "someone-else" : "musicgen",
            Audience = tampering == Tampering.WrongAudience ? "another-api" : "musicgen-api",
            IssuedAt = tampering == Tampering.Expired ? now.AddHours(-2) : now,
            NotBefore = tampering == Tampering.Expired ? now.AddHours(-2) : now,
            Expires = tampering == Tampering.Expired ? now.AddHours(-1) : now.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("uid", userId), new Claim("role", "user")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        };
        var token = new JsonWebTokenHandler().CreateToken(descriptor);
        var parts = token.Split('.');
        return tampering switch
        {
            Tampering.AlgorithmNone => $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.",
            Tampering.PayloadEdited => $"{parts[0]}.{Base64Url(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"user\"", "\"admin\""))}.{parts[2]}",
            _ => token,
        };
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
