namespace MusicGen.Web.Accounts;

/// <summary>The API tokens of one browser sign-in. Kept on the server only; the browser holds a cookie naming the session.</summary>
public sealed record ApiSession(string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);
