namespace MusicGen.Core.Accounts;

/// <summary>
/// One person, however they sign in: a local email and password, an external identity provider's
/// subject, or API keys issued to either.
/// </summary>
public sealed class User
{
    public Guid Id { get; set; }

    /// <summary>Lower-cased email; unique when present.</summary>
    public string? Email { get; set; }

    public string? PasswordHash { get; set; }

    /// <summary>The token issuer of an external identity (OIDC authority).</summary>
    public string? ExternalIssuer { get; set; }

    public string? ExternalSubject { get; set; }

    public required string DisplayName { get; set; }

    public string Role { get; set; } = Roles.User;

    /// <summary>Seconds of audio a month this user may generate; null uses the configured default.</summary>
    public int? MonthlyQuotaSeconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Signs deliveries to this user's per-request <c>webhookUrl</c>s (subscriptions have their own); created on first use.</summary>
    public string? WebhookSecret { get; set; }
}
