using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MusicGen.Contracts.Accounts;

namespace MusicGen.Web.Tests;

/// <summary>
/// The API's account routes, faked: login hands out an access token that is already close to expiry, refresh
/// rotates it; every bearer token the API receives is recorded.
/// </summary>
internal sealed class FakeAccounts
{
    public const string FirstAccessToken = "access-token-first";
    public const string FirstRefreshToken = "refresh-token-first";
    public const string RefreshedAccessToken = "access-token-refreshed";

    public ConcurrentQueue<string> BearerTokens { get; } = new();

    public ConcurrentQueue<string> RefreshTokensPresented { get; } = new();

    public bool RefreshRejects { get; set; }

    public void Map(WebApplication app)
    {
        app.MapPost("/api/v1/auth/login", () => Results.Ok(new TokenResponse(FirstAccessToken, "Bearer", 1, FirstRefreshToken, DateTimeOffset.UtcNow.AddDays(7))));
        app.MapPost("/api/v1/auth/refresh", (RefreshRequest request) =>
        {
            RefreshTokensPresented.Enqueue(request.RefreshToken);
            return RefreshRejects
                ? Results.Problem(title: "The refresh token was rejected.", statusCode: 401)
                : Results.Ok(new TokenResponse(RefreshedAccessToken, "Bearer", 900, "refresh-token-second", DateTimeOffset.UtcNow.AddDays(7)));
        });
        app.MapPost("/api/v1/auth/logout", () => Results.NoContent());
        app.MapGet("/api/v1/me", (HttpRequest request) =>
        {
            Record(request);
            return Results.Ok(new MeResponse(Guid.NewGuid(), "ada@example.com", "Ada", "user", 3600, 12.5, DateTimeOffset.UtcNow));
        });
    }

    public void Record(HttpRequest request) => BearerTokens.Enqueue(request.Headers.Authorization.ToString());
}
