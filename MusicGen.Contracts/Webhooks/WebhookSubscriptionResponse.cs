namespace MusicGen.Contracts.Webhooks;

/// <summary>A subscription; its secret is never shown again after creation.</summary>
public sealed record WebhookSubscriptionResponse(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, string SecretPrefix, DateTimeOffset CreatedAt);
