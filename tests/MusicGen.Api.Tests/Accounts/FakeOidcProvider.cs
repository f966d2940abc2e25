using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MusicGen.Api.Tests.Accounts;

/// <summary>
/// A minimal OpenID Connect provider on a loopback port: a discovery document and a JWKS with one
/// RSA key, and tokens signed by it, as Clerk, Auth0 or Entra ID would issue them.
/// </summary>
internal sealed class FakeOidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private FakeOidcProvider(WebApplication app, string authority, RsaSecurityKey key)
    {
        _app = app;
        Authority = authority;
        _key = key;
    }

    public string Authority { get; }

    public int DiscoveryRequests { get; private set; }

    public static async Task<FakeOidcProvider> StartAsync()
    {
        var port = MusicGen.Testing.FreePort.Next();
        var authority = $"http://127.0.0.1:{port}";
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(authority);
        var app = builder.Build();
        var provider = new FakeOidcProvider(app, authority, key);
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            provider.DiscoveryRequests++;
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = authority,
                ["jwks_uri"] = $"{authority}/.well-known/jwks.json",
                ["authorization_endpoint"] = $"{authority}/authorize",
                ["token_endpoint"] = $"{authority}/token",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
            });
        });
        app.MapGet("/.well-known/jwks.json", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return provider;
    }

    /// <summary>A token for <paramref name="subject"/>; the optional arguments forge the ways a token can be wrong.</summary>
    public string Issue(string subject, string audience, string? email = null, bool expired = false, SecurityKey? signingKey = null)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", subject), new("name", $"User {subject}") };
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            IssuedAt = expired ? now.AddHours(-2) : now,
            NotBefore = expired ? now.AddHours(-2) : now,
            Expires = expired ? now.AddHours(-1) : now.AddMinutes(10),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(signingKey ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
