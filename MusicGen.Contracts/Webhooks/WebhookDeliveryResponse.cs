namespace MusicGen.Contracts.Webhooks;

/// <summary>One event sent (or being sent) to one URL, with every attempt. Status: Pending, Delivered or Failed.</summary>
public sealed record WebhookDeliveryResponse(
    Guid Id,
    Guid? SubscriptionId,
    Guid? GenerationId,
    string Event,
    string Url,
    string Status,
    int AttemptCount,
    int? ResponseStatus,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptResponse> Attempts);
