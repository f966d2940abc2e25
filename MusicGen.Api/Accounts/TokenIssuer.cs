using System.Security.Claims;
using System.Text;
using MusicGen.Contracts.Accounts;
using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MusicGen.Api.Accounts;

/// <summary>Issues access tokens and rotating refresh tokens for a user.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static SymmetricSecurityKey SigningKey(AuthOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey));

    /// <summary>Creates tokens; the refresh token joins <paramref name="familyId"/> (a new family on login).</summary>
    public (TokenResponse Tokens, RefreshToken Refresh) Issue(User user, MusicDbContext db, Guid? familyId = null)
    {
        var auth = options.Value;
        var now = time.GetUtcNow();
        var accessToken = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(auth.AccessTokenMinutes).UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(UserClaims.UserId, user.Id.ToString()),
                new Claim(UserClaims.Role, user.Role),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });

        var refreshToken = Secrets.NewToken();
        var expiresAt = now.AddDays(auth.RefreshTokenDays);
        var refresh = new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            FamilyId = familyId ?? Guid.CreateVersion7(),
            TokenHash = Secrets.Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.RefreshTokens.Add(refresh);

        return (new TokenResponse(accessToken, "Bearer", auth.AccessTokenMinutes * 60, refreshToken, expiresAt), refresh);
    }
}
