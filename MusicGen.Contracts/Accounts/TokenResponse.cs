namespace MusicGen.Contracts.Accounts;

/// <summary>A short-lived access token (send as <c>Authorization: Bearer …</c>) and a single-use refresh token.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);
