namespace MusicGen.Core.Webhooks;

/// <summary>One attempt series to deliver an event to a subscription or to a generation's own webhook URL.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid? SubscriptionId { get; set; }

    public Guid? GenerationId { get; set; }

    public required string Url { get; set; }

    public required string Event { get; set; }

    public required string Payload { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public int? ResponseStatus { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
