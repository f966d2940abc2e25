using System.ComponentModel.DataAnnotations;

namespace MusicGen.Api.Accounts;

/// <summary>Section <c>Auth</c>. The AppHost generates a development <c>SigningKey</c> and passes it as <c>Auth__SigningKey</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key for access tokens: at least 32 characters; every API replica needs the same one.</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required (env Auth__SigningKey): a random string of at least 32 characters, the same on every API replica.")]
    [MinLength(32, ErrorMessage = "Auth:SigningKey must be at least 32 characters long.")]
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "musicgen";

    public string Audience { get; set; } = "musicgen-api";

    [Range(1, 1440)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)]
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>Emails that get the admin role when their account is created (the first account always does).</summary>
    public string[] AdminEmails { get; set; } = [];

    /// <summary>An external OpenID Connect provider (Clerk, Auth0, Entra ID) whose JWTs are accepted; off when Authority is empty.</summary>
    public OidcOptions Oidc { get; set; } = new();
}
