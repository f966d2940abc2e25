using System.Security.Cryptography;
using MusicGen.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MusicGen.Core.Webhooks;

/// <summary>
/// Signing secrets. A subscription has its own, shown once when it is created. Deliveries to a
/// generation's own <c>webhookUrl</c> have no subscription: they are signed with the owner's
/// per-user secret (<c>users.webhook_secret</c>), created on first use and readable through the API.
/// A per-user secret, not one configured for the whole install, so no user can sign events for another.
/// </summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The user's secret for per-request webhook URLs, created (once, even under races) when missing; null for an unknown user.</summary>
    public static async Task<string?> GetOrCreateUserSecretAsync(MusicDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var secret = await ReadAsync(db, userId, cancellationToken);
        if (secret is { Length: > 0 })
        {
            return secret;
        }

        var candidate = New();
        await db.Users.Where(u => u.Id == userId && u.WebhookSecret == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WebhookSecret, candidate), cancellationToken);
        return await ReadAsync(db, userId, cancellationToken);
    }

    /// <summary>Replaces the user's per-request secret; deliveries signed from now on use the new one.</summary>
    public static async Task<string> RotateUserSecretAsync(MusicDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var secret = New();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.WebhookSecret, secret), cancellationToken);
        return secret;
    }

    private static Task<string?> ReadAsync(MusicDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.WebhookSecret).SingleOrDefaultAsync(cancellationToken);
}
