using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MusicGen.Api.Accounts;

/// <summary>
/// Our own access tokens, validated once and then remembered until they expire: parsing the JWT, checking
/// its HMAC and building its claims was the largest cost of a cached status read. Remembering changes
/// nothing about who gets in, since an access token cannot be revoked before its expiry anyway (that is
/// what the short lifetime and the refresh token family are for). Only successes are remembered; a token
/// is remembered until its <c>exp</c>, without the clock skew validation allows.
/// </summary>
public sealed class CachingJsonWebTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    private const int MaxTokens = 50_000;
    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out TokenValidationResult? known) && known is not null)
        {
            // A fresh identity per request: handlers and claims transformations may add to it.
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = known.ClaimsIdentity.Clone(),
                SecurityToken = known.SecurityToken,
                TokenType = known.TokenType,
                Issuer = known.Issuer,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > time.GetUtcNow().UtcDateTime)
        {
            _valid.Set(token, result, new MemoryCacheEntryOptions { AbsoluteExpiration = new DateTimeOffset(validTo, TimeSpan.Zero), Size = 1 });
        }

        return result;
    }
}
