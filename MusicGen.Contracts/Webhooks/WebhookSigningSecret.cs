namespace MusicGen.Contracts.Webhooks;

/// <summary>The secret that signs deliveries to your generations' own <c>webhookUrl</c>s (subscriptions have their own).</summary>
public sealed record WebhookSigningSecret(string Secret);
