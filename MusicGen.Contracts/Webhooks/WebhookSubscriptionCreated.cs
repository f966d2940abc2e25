namespace MusicGen.Contracts.Webhooks;

/// <summary>A new subscription. <see cref="Secret"/> is shown only here: keep it to verify the <c>MusicGen-Signature</c> header.</summary>
public sealed record WebhookSubscriptionCreated(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, string Secret, DateTimeOffset CreatedAt);
