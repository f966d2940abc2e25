using MusicGen.Contracts.Accounts;

namespace MusicGen.Web.Accounts;

internal static class TokenResponseExtensions
{
    public static ApiSession ToSession(this TokenResponse tokens, TimeProvider time) =>
        new(tokens.AccessToken, time.GetUtcNow().AddSeconds(tokens.ExpiresIn), tokens.RefreshToken, tokens.RefreshTokenExpiresAt);
}
