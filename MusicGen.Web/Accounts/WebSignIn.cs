using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using MusicGen.Contracts;
using MusicGen.Contracts.Accounts;

namespace MusicGen.Web.Accounts;

/// <summary>Turns API tokens into a browser sign-in (cookie naming a server-side session) and back out.</summary>
public sealed class WebSignIn(ApiSessionStore sessions, IHttpClientFactory httpClientFactory, TimeProvider time)
{
    public async Task SignInAsync(HttpContext context, TokenResponse tokens, CancellationToken cancellationToken)
    {
        using var http = httpClientFactory.CreateClient(ApiAccessTokenHandler.AnonymousClient);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = await new MusicGenClient(http).GetMeAsync(cancellationToken);

        var sessionId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await sessions.SetAsync(sessionId, tokens.ToSession(time), cancellationToken);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, me.Id.ToString()),
                new Claim(ClaimTypes.Name, me.DisplayName),
                new Claim(ClaimTypes.Email, me.Email ?? ""),
                new Claim(ClaimTypes.Role, me.Role),
                new Claim(SessionClaims.SessionId, sessionId),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true, ExpiresUtc = tokens.RefreshTokenExpiresAt });
    }

    /// <summary>Revokes the API sign-in (best effort), forgets the tokens and clears the cookie.</summary>
    public async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.GetSessionId() is { } sessionId)
        {
            if (await sessions.GetAsync(sessionId, cancellationToken) is { } session)
            {
                try
                {
                    await new MusicGenClient(httpClientFactory.CreateClient(ApiAccessTokenHandler.AnonymousClient)).LogoutAsync(session.RefreshToken, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or MusicGenApiException or TimeoutException)
                {
                    // The API is down or already forgot the token: the local sign-out still happens.
                }
            }

            await sessions.RemoveAsync(sessionId, cancellationToken);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
