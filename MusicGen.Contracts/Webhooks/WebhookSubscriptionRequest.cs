namespace MusicGen.Contracts.Webhooks;

/// <summary>
/// Creates or replaces a subscription. <see cref="Events"/>: <c>generation.completed</c>,
/// <c>generation.failed</c>; null or empty means both.
/// </summary>
public sealed record WebhookSubscriptionRequest(string Url, IReadOnlyList<string>? Events = null, bool Active = true);
